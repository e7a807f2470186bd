// `npm run test:e2e`: the example host editor against the packed package (scripts/build-example.js),
// then the end-to-end tests in tests/e2e (they start the media server and each engine themselves).
import { execFileSync } from 'node:child_process';
import { buildExample, repositoryRoot } from './build-example.js';

buildExample();
execFileSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], { cwd: repositoryRoot, stdio: 'inherit' });
