// `npm run test:e2e`: the example host editor against the packed package. Builds and packs the
// kit, installs the tarball into examples/host-editor (never src/), builds the example, then runs
// the end-to-end tests in tests/e2e (they start the media server and each engine themselves).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const example = path.join(root, 'examples/host-editor');
const packDir = path.join(example, '.pack');
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit' });

run('npm', ['run', 'build'], root);
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });
run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], root);
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const tarball = path.join(packDir, `multitrack-kit-${version}.tgz`);
// The example's own dependencies are pinned to the repository's versions, so they come from the
// npm cache that `npm ci` filled.
run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', tarball], example);
run('npx', ['vite', 'build', '--logLevel', 'warn'], example);
run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], root);
