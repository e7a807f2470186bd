// The example host editor built from the packed package, as a host's app is: builds and packs
// the kit, installs the tarball into examples/host-editor (never src/), and builds the example
// into its dist/. Used by the end-to-end test and the editor benchmark.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export const repositoryRoot = path.resolve(import.meta.dirname, '..');
export const exampleDir = path.join(repositoryRoot, 'examples/host-editor');

const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit' });

export function buildExample() {
  const packDir = path.join(exampleDir, '.pack');
  run('npm', ['run', 'build'], repositoryRoot);
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], repositoryRoot);
  const { version } = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8'));
  const tarball = path.join(packDir, `multitrack-kit-${version}.tgz`);
  // The example's own dependencies are pinned to the repository's versions, so they come from the
  // npm cache that `npm ci` filled.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', tarball], exampleDir);
  run('npx', ['vite', 'build', '--logLevel', 'warn'], exampleDir);
}

if (process.argv[1] === import.meta.filename) buildExample();
