// `npm run build`: the published package. JavaScript as ES modules with source maps (the kit and
// its mocks for browsers, the media server for Node), and one bundled `.d.ts` per entry, so the
// types resolve under every `moduleResolution` a consumer may use.
import { rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import { build, type BuildOptions } from 'vite';
import { execFileSync } from 'node:child_process';
import { defaultStylesheet } from '../src/components/defaultStylesheet';
import { projectSchemaText } from './api-report';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const typesDir = path.join(dist, '.types');

// Never bundled: the host's own copies of the peers, msw (only the mocks entry imports it, and it
// is an optional peer), the kit's dependencies (installed beside it, under their own licences:
// mediabunny is MPL-2.0), and what Node provides.
const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^redux($|\/)/,
  /^@reduxjs\/toolkit($|\/)/,
  /^react-redux($|\/)/,
  /^@tanstack\/react-query($|\/)/,
  /^msw($|\/)/,
  /^range-parser$/,
  /^mediabunny($|\/)/,
  /^image-size($|\/)/,
  // The track header's widgets and icons: the host's bundler tree-shakes them with its own code.
  /^react-aria-components($|\/)/,
  /^lucide-react($|\/)/,
  // The project document's schema (`zod/mini`): shared with a host that uses zod itself.
  /^zod($|\/)/,
  // Keyframes' cubic Béziers: a dependency of the package, installed beside it.
  /^bezier-easing($|\/)/,
  // The media server's job queue (`--jobs`): its own dependencies, never bundled.
  /^bullmq($|\/)/,
  /^ioredis($|\/)/,
  /^node:/,
  ...builtinModules.map((name) => new RegExp(`^${name}$`)),
];

rmSync(dist, { recursive: true, force: true });

/** One Vite build into `outDir` with what every entry shares: ES modules, source maps, unminified. */
const buildInto = (outDir: string, options: BuildOptions) =>
  build({
    configFile: false,
    root,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: false, sourcemap: true, minify: false, ...options },
  });

// The workers (peaks, filmstrip sheets, the canvas board: `new Worker(new URL('./peaksWorker.ts',
// import.meta.url))`) are each built into
// dist/assets with mediabunny inside it, so it runs as it is; `base: './'` makes its URL relative
// to the module that starts it, which a host's bundler then finds and copies.
await buildInto(dist, {
  target: 'es2022',
  lib: { entry: { index: 'src/index.ts', renderer: 'src/renderer.ts', mocks: 'src/mocks/index.ts' }, formats: ['es'] },
  rollupOptions: { external, output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
});

await buildInto(path.join(dist, 'server'), {
  target: 'node20',
  ssr: true,
  rollupOptions: {
    input: { index: 'server/index.ts', bin: 'server/bin.ts' },
    external,
    output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  },
});

execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

for (const [entry, out] of [
  ['src/index.d.ts', 'index.d.ts'],
  ['src/renderer.d.ts', 'renderer.d.ts'],
  ['src/mocks/index.d.ts', 'mocks.d.ts'],
  ['server/index.d.ts', 'server/index.d.ts'],
]) {
  const bundle = await rollup({ input: path.join(typesDir, entry), plugins: [dts()], external });
  await bundle.write({ file: path.join(dist, out), format: 'es' });
  await bundle.close();
}
rmSync(typesDir, { recursive: true, force: true });
// The default look as a file, for hosts that load CSS themselves (`config.injectStyles: false`).
writeFileSync(path.join(dist, 'styles.css'), defaultStylesheet.trimStart());
// The project document's JSON Schema as a file, for a host's own tools (any language): the
// conversion runs here, not in every host's bundle.
writeFileSync(path.join(dist, 'project-document.schema.json'), await projectSchemaText());
console.log('build: dist/ has index.js, renderer.js, mocks.js, server/index.js, server/bin.js, their .d.ts, styles.css and project-document.schema.json');
