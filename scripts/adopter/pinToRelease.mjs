// Pins a fresh app's @backstage/* packages to one Backstage release.
//
// create-app seeds the app's yarn.lock from the Backstage repository on
// GitHub, which the test machine cannot reach; without the seed the caret
// ranges of the template resolve to later releases (a 1.55 template gets the
// catalog-react of 1.57, beside the one the APIOps packages were built with).
// So: resolve once, then pin every @backstage/* package in the lockfile, in
// the root package.json's resolutions, to its latest version published
// before the next release.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const semver = require('semver');

const REGISTRY = 'https://registry.npmjs.org';

async function latestBefore(name, cutoff) {
  const res = await fetch(`${REGISTRY}/${name.replace('/', '%2f')}`);
  if (!res.ok) throw new Error(`${name}: registry answered ${res.status}`);
  const { time = {} } = await res.json();
  const candidates = Object.keys(time).filter(
    version =>
      semver.valid(version) &&
      !semver.prerelease(version) &&
      Date.parse(time[version]) < cutoff,
  );
  return semver.maxSatisfying(candidates, '*') ?? undefined;
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * Resolves the app once (lockfile only) and writes the pins; answers the
 * number of packages pinned. `yarn` is the command to run Yarn with.
 */
export async function pinToRelease({ appDir, resolvedBefore, yarn, env }) {
  const lockFile = path.join(appDir, 'yarn.lock');
  const seed = fs.readFileSync(lockFile, 'utf8');
  const res = spawnSync(yarn, ['install', '--mode=update-lockfile'], {
    cwd: appDir,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (res.status !== 0) throw new Error('resolving the app failed');
  const names = [
    ...new Set(
      [
        ...fs
          .readFileSync(lockFile, 'utf8')
          .matchAll(/^"?(@backstage\/[^@"]+)@/gm),
      ].map(m => m[1]),
    ),
  ].sort();
  fs.writeFileSync(lockFile, seed);

  const cutoff = Date.parse(resolvedBefore);
  const versions = await mapLimit(names, 12, name =>
    latestBefore(name, cutoff),
  );
  const pkgFile = path.join(appDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  pkg.resolutions = { ...pkg.resolutions };
  names.forEach((name, i) => {
    if (versions[i]) pkg.resolutions[name] = versions[i];
  });
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  return names.filter((_, i) => versions[i]).length;
}
