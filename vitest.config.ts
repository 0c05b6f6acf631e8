import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  // Tests run in Vite's SSR environment, which has its own conditions: without this, workspace
  // packages resolve to their (possibly stale) dist/ instead of src/.
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    // The workers run with `--conditions source`, and eventsource-parser (under the AI SDK) exports
    // its TypeScript as `source` too: Vite transforms the AI SDK instead of Node loading a .ts file.
    server: { deps: { inline: [/node_modules\/(ai|@ai-sdk\/[^/]+|eventsource-parser)\//] } },
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/web/test/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.live.test.ts'],
    // PostgreSQL for the store's tests: TOKENSCOPE_TEST_DATABASE_URL, or a throwaway server it starts.
    globalSetup: ['scripts/vitestPostgresSetup.mjs'],
    // A hang guard, not a speed goal: real models and real browsers on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
