// The package as a host gets it: `npm pack`, installed into a clean project next to the peers,
// type-checked there under two module resolutions, imported by Node, and its bin started.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve('.');
const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const pinned = (name: string) => `${name}@${manifest.devDependencies[name]}`;
let project: string;
let tarball: string;

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });

const host = `
import { combineSlices, configureStore, createSlice } from '@reduxjs/toolkit';
import { QueryClient } from '@tanstack/react-query';
import {
  CompositeView,
  CompositorProvider,
  Timeline,
  Transport,
  compositorSlice,
  createElementRenderer,
  hostProtocolResolver,
  registerMediaFile,
  selectTracksInPaintOrder,
  trackAdded,
  type CompositorConfig,
  type CompositorRootState,
} from 'multitrack-kit';

const project = createSlice({ name: 'project', initialState: { title: '' }, reducers: {} });
const rootReducer = combineSlices(project).withLazyLoadedSlices<CompositorRootState>();
const store = configureStore({ reducer: rootReducer });
rootReducer.inject(compositorSlice);
store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: 'http://127.0.0.1:8787/a.mp4' } }));
const tracks: number = selectTracksInPaintOrder(store.getState()).length;

declare const picked: File;
// A picked file plays from the File itself, never copied into memory.
store.dispatch(trackAdded({ id: 'picked', name: picked.name, source: registerMediaFile(picked) }));
// A desktop path, played through the shell's asset protocol.
store.dispatch(trackAdded({ id: 'disk', name: 'From disk', source: { url: '/Users/me/clip.mp4' } }));
const config: CompositorConfig = {
  sources: { resolvers: [hostProtocolResolver({ toUrl: (path) => 'asset://localhost/' + encodeURIComponent(path) })] },
  playback: { prerollMs: 500 },
  renderer: createElementRenderer({ preload: { playing: 'auto' } }),
  memory: { budgetBytes: 512 * 1024 ** 2 },
  onTrackError: (trackId, error) => console.warn(trackId, error.message),
};

export const App = () => (
  <CompositorProvider store={store} queryClient={new QueryClient()} config={config}>
    <CompositeView width={1920} height={1080} />
    <Transport />
    <Timeline />
  </CompositorProvider>
);
export { tracks };
`;

const serverSide = `
import { startMediaServer, type MediaServerOptions } from 'multitrack-kit/server';
import { createMediaHandlers } from 'multitrack-kit/mocks';

const options: MediaServerOptions = { root: '.', cors: '*' };
const running = await startMediaServer({ ...options, port: 0 });
const handlers = createMediaHandlers({ baseUrl: '/media', files: {} }).handlers;
console.log(running.url, handlers.length);
await running.close();
`;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'multitrack-host-'));
  npm(['run', 'build'], repo);
  // Built just above; `prepack` would build again and print into the JSON.
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', project], repo));
  tarball = path.join(project, packed[0].filename);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module' }));
  npm(
    [
      'install', '--prefer-offline', '--no-audit', '--no-fund', tarball,
      ...['react', 'react-dom', 'redux', '@reduxjs/toolkit', 'react-redux', '@tanstack/react-query', 'msw', 'typescript', '@types/react', '@types/node'].map(pinned),
    ],
    project,
  );
  writeFileSync(path.join(project, 'host.tsx'), host);
  writeFileSync(path.join(project, 'server.ts'), serverSide);
  const compilerOptions = { strict: true, noEmit: true, jsx: 'react-jsx', target: 'ES2022', lib: ['ES2023', 'DOM'], skipLibCheck: false, types: ['node'] };
  writeFileSync(
    path.join(project, 'tsconfig.bundler.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'Bundler' }, files: ['host.tsx', 'server.ts'] }),
  );
  writeFileSync(
    path.join(project, 'tsconfig.node.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'NodeNext', moduleResolution: 'NodeNext' }, files: ['host.tsx', 'server.ts'] }),
  );
}, 240_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the build and the README, not the sources, stories or mocks of the repository', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/dist/server/bin.js');
    expect(files).toContain('package/README.md');
    expect(files.filter((file) => /^package\/(src|stories|tests|bench|public)\//.test(file))).toEqual([]);
  });

  it('ships the project document\'s JSON Schema as committed, under its own export', () => {
    const schemaFile = path.join(project, 'node_modules/multitrack-kit/dist/project-document.schema.json');
    expect(readFileSync(schemaFile, 'utf8')).toBe(readFileSync('api/project-document.schema.json', 'utf8'));
    const exported = JSON.parse(readFileSync(path.join(project, 'node_modules/multitrack-kit/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(exported.exports['./project-document.schema.json']).toBe('./dist/project-document.schema.json');
  });

  it('installs none of the job queue\'s packages into a host that did not ask for them', () => {
    // bullmq and ioredis are optional peers: only a media server run with --jobs needs them.
    for (const name of ['bullmq', 'ioredis']) expect(existsSync(path.join(project, 'node_modules', name)), name).toBe(false);
  });

  it('says what to install when its bin is asked for the job queue without those packages', () => {
    const bin = path.join(project, 'node_modules/.bin/multitrack-media-server');
    const cache = mkdtempSync(path.join(tmpdir(), 'multitrack-cache-'));
    try {
      const result = spawnSync(bin, ['--root', path.join(project, 'node_modules'), '--port', '0', '--cache', cache, '--jobs', 'redis://127.0.0.1:1'], { encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/needs the packages bullmq and ioredis.*npm install bullmq@\^6\.7\.0 ioredis@\^5\.11\.1/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('has a main entry that imports neither msw nor Storybook', () => {
    const main = readFileSync(path.join(project, 'node_modules/multitrack-kit/dist/index.js'), 'utf8');
    expect(main).not.toMatch(/from\s+["'](msw|storybook|@storybook)/);
  });

  it('gives renderer authors the contexts the main entry provides, not copies of them', () => {
    // A renderer reads the provider's contexts through `multitrack-kit/renderer`: the modules
    // both entries use are one shared chunk, so the renderer entry creates no context of its own.
    const code = readFileSync(path.join(project, 'node_modules/multitrack-kit/dist/renderer.js'), 'utf8');
    expect(code).not.toMatch(/createContext\(/);
    expect(code).toMatch(/from ["']\.\/chunks\//);
  });

  it.each(['tsconfig.bundler.json', 'tsconfig.node.json'])('type-checks a host project with %s', (config) => {
    const tsc = path.join(project, 'node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', config], { cwd: project, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 90_000);

  it('loads in Node as ES modules, every entry', () => {
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const kit = await import('multitrack-kit'); const renderer = await import('multitrack-kit/renderer'); const server = await import('multitrack-kit/server'); const mocks = await import('multitrack-kit/mocks'); console.log(typeof kit.CompositorProvider, typeof renderer.useRenderer, typeof server.startMediaServer, typeof mocks.createMediaHandlers);"],
      { cwd: project, encoding: 'utf8' },
    );
    expect(output.trim()).toBe('function function function function');
  }, 30_000);

  it('starts the media server from its bin', async () => {
    const bin = path.join(project, 'node_modules/.bin/multitrack-media-server');
    const child = spawn(bin, ['--root', project, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('serving')) resolve(output);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    child.kill('SIGTERM');
    expect(line).toMatch(/serving .* at http:\/\/127\.0\.0\.1:\d+/);
  });
});
