#!/usr/bin/env node
// The adopter test: the APIOps packages as an adopter gets them, in a fresh
// Backstage app outside this repository.
//
//  1. packs every package under plugins/ (scripts/pack.mjs);
//  2. creates a fresh app of this repository's Backstage release with
//     @backstage/create-app (its new-frontend-system template), and adds the
//     legacy template's app beside it as packages/app-legacy, so that one
//     install serves both frontend systems;
//  3. follows docs/install.md (scripts/adopter/installFromDocs.mjs: every
//     snippet it applies must appear verbatim in the guide);
//  4. installs, type-checks and builds the apps and the backend;
//  5. starts the backend (which serves the built app) with this repository's
//     example catalog, once per frontend system, and runs the browser checks
//     of scripts/adopter/adopter.test.ts in Chromium.
//
//   node scripts/adopter/run.mjs [--keep]
//
// Needs Node.js 22 or 24 (scripts/run.mjs provisions it), the npm registry and
// Chromium. Writes .test-results/adopter.json with its counts. --keep leaves
// the app in place (its path is printed) for a look after a failure.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installFromDocs } from './installFromDocs.mjs';
import { pinToRelease } from './pinToRelease.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const resultsDir = path.join(root, '.test-results');
const keep = process.argv.includes('--keep');

/**
 * The create-app of this repository's Backstage release (backstage.json), and
 * the date before the next release: the app's @backstage/* packages are pinned
 * to their latest versions published before it (pinToRelease.mjs).
 */
const RELEASES = {
  '1.55.0': { createApp: '0.9.2', resolvedBefore: '2026-10-15' },
};
const PORT = 7207;

function log(message) {
  process.stdout.write(`[adopter] ${message}\n`);
}

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok });
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
}

function run(command, args, options = {}) {
  log(
    `$ ${command} ${args.join(' ')}${
      options.cwd ? `  (in ${options.cwd})` : ''
    }`,
  );
  const res = spawnSync(command, args, {
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...options.env },
  });
  return res.status === 0;
}

function writeSummary(extra = {}) {
  const passed = checks.filter(c => c.ok).length + (extra.passed ?? 0);
  const failed = checks.filter(c => !c.ok).length + (extra.failed ?? 0);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(
    path.join(resultsDir, 'adopter.json'),
    `${JSON.stringify({ checks, browser: extra, passed, failed }, null, 2)}\n`,
  );
  process.stdout.write(`adopter test: ${passed} passed, ${failed} failed\n`);
  return failed === 0;
}

/** A directory with a `yarn` command for create-app's prerequisite check. */
function yarnShim(workDir) {
  const bin = path.join(workDir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const shim = path.join(bin, 'yarn');
  fs.writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(
      root,
      '.yarn/releases/yarn-4.13.0.cjs',
    )}" "$@"\n`,
  );
  fs.chmodSync(shim, 0o755);
  return bin;
}

function createApp({ createAppVersion, dir, legacy, env }) {
  return run(
    'npx',
    [
      '--yes',
      `@backstage/create-app@${createAppVersion}`,
      '--path',
      dir,
      '--skip-install',
      ...(legacy ? ['--legacy'] : []),
    ],
    {
      cwd: path.dirname(dir),
      env: { ...env, BACKSTAGE_APP_NAME: 'adopter-app' },
    },
  );
}

/** Moves the legacy template's app into the new app as packages/app-legacy. */
function addLegacyApp(appDir, legacyDir) {
  const target = path.join(appDir, 'packages/app-legacy');
  fs.cpSync(path.join(legacyDir, 'packages/app'), target, { recursive: true });
  const pkgFile = path.join(target, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  pkg.name = 'app-legacy';
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  return target;
}

/** Starts the backend; resolves to a stop function once it is healthy. */
async function startBackend(appDir, configFiles, env) {
  const args = [
    'workspace',
    'backend',
    'start',
    ...configFiles.flatMap(file => ['--config', file]),
  ];
  log(`$ yarn ${args.join(' ')}`);
  const child = spawn(path.join(env.ADOPTER_BIN, 'yarn'), args, {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () =>
    new Promise(resolve => {
      if (child.exitCode !== null) return resolve();
      child.on('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 10_000).unref();
    });
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`http://localhost:${PORT}/api/apiops/health`);
      if (res.ok) return stop;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 2_000));
  }
  await stop();
  return undefined;
}

function browserChecks(flavour, env) {
  const report = path.join(resultsDir, `adopter-${flavour}.json`);
  const ok = run(
    path.join(env.ADOPTER_BIN, 'yarn'),
    [
      'playwright',
      'test',
      '-c',
      'scripts/adopter/playwright.config.ts',
      '--reporter=list,json',
    ],
    {
      cwd: root,
      env: {
        ...env,
        ADOPTER_FLAVOUR: flavour,
        ADOPTER_BASE_URL: `http://localhost:${PORT}`,
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      },
    },
  );
  let stats = {};
  try {
    stats = JSON.parse(fs.readFileSync(report, 'utf8')).stats ?? {};
  } catch {
    // counted below
  }
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = stats.unexpected ?? 0;
  if (!ok && failed === 0) failed = 1;
  return { passed, failed };
}

async function main() {
  const release = JSON.parse(
    fs.readFileSync(path.join(root, 'backstage.json'), 'utf8'),
  ).version;
  const pins = RELEASES[release];
  if (!pins) {
    check(
      `create-app known for Backstage ${release}`,
      false,
      'add it to RELEASES',
    );
    return writeSummary();
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-adopter-'));
  log(`working in ${workDir}`);
  const bin = yarnShim(workDir);
  const env = {
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    ADOPTER_BIN: bin,
    // The app is new: its lockfile is written by the install (under CI=true
    // Yarn would refuse to change it).
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  };
  const browser = { passed: 0, failed: 0 };
  try {
    const tarballs = path.join(workDir, 'tarballs');
    if (
      !check(
        'pack every plugin package',
        run(process.execPath, [path.join(root, 'scripts/pack.mjs'), tarballs], {
          cwd: root,
          env,
        }),
      )
    ) {
      return writeSummary();
    }

    const appDir = path.join(workDir, 'app');
    const legacyDir = path.join(workDir, 'legacy');
    if (
      !check(
        `create-app ${pins.createApp}, both templates`,
        createApp({ createAppVersion: pins.createApp, dir: appDir, env }) &&
          createApp({
            createAppVersion: pins.createApp,
            dir: legacyDir,
            legacy: true,
            env,
          }),
      )
    ) {
      return writeSummary();
    }
    addLegacyApp(appDir, legacyDir);

    const steps = installFromDocs({
      repoRoot: root,
      appDir,
      tarballs,
      apps: { new: 'packages/app', legacy: 'packages/app-legacy' },
      port: PORT,
    });
    for (const step of steps) check(step.name, step.ok, step.detail);
    if (steps.some(step => !step.ok)) return writeSummary();

    const yarn = path.join(bin, 'yarn');
    try {
      const pinned = await pinToRelease({
        appDir,
        resolvedBefore: pins.resolvedBefore,
        yarn,
        env,
      });
      check(`@backstage/* pinned to ${release}`, true, `${pinned} packages`);
    } catch (error) {
      check(`@backstage/* pinned to ${release}`, false, error.message);
      return writeSummary();
    }
    if (!check('yarn install', run(yarn, ['install'], { cwd: appDir, env }))) {
      return writeSummary();
    }
    check('type-check the app (tsc)', run(yarn, ['tsc'], { cwd: appDir, env }));
    const built = {
      new: check(
        'build packages/app',
        run(yarn, ['workspace', 'app', 'build'], { cwd: appDir, env }),
      ),
      legacy: check(
        'build packages/app-legacy',
        run(yarn, ['workspace', 'app-legacy', 'build'], { cwd: appDir, env }),
      ),
    };
    check(
      'build packages/backend',
      run(yarn, ['workspace', 'backend', 'build'], { cwd: appDir, env }),
    );

    for (const flavour of ['new', 'legacy']) {
      if (!built[flavour]) continue;
      const configFiles = [
        '../../app-config.yaml',
        `../../app-config.adopter-${flavour}.yaml`,
      ];
      const stop = await startBackend(appDir, configFiles, env);
      if (!check(`backend starts serving the ${flavour} app`, !!stop)) continue;
      try {
        const counts = browserChecks(flavour, env);
        browser.passed += counts.passed;
        browser.failed += counts.failed;
      } finally {
        await stop();
      }
    }
  } finally {
    if (keep) log(`kept ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
  return writeSummary(browser);
}

process.exitCode = (await main()) ? 0 : 1;
