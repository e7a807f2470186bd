import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the benchmark page: the kit and the baselines, one strategy per URL.
export default defineConfig({
  root: new URL('./page', import.meta.url).pathname,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: new URL('./.cache/page', import.meta.url).pathname,
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: new URL('./page/index.html', import.meta.url).pathname,
        mainThread: new URL('./page/main-thread.html', import.meta.url).pathname,
        sound: new URL('./page/sound.html', import.meta.url).pathname,
        stills: new URL('./page/stills.html', import.meta.url).pathname,
      },
    },
  },
});
