import { defineConfig } from 'vite';

// The app is built into dist/ and served by `tokenscope serve` at `/`. `@tokenscope/core` is compiled
// from its TypeScript source (the `source` export condition), so the browser gets the same parsers and
// analysis as the CLI. xray.html is the X-ray harness (one saved response, for browser tests and bench).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { main: 'index.html', xray: 'xray.html' } },
  },
});
