import { defineConfig } from 'vitest/config';

// One vitest run over every workspace; each workspace has its own vitest.config.ts
// (the webapp's resolves react/react-dom to its own React 18.2 copy). The inline project
// covers the repo's own tooling (bench runner, scripts).
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/*',
      { test: { name: 'tooling', include: ['bench/**/*.test.mjs', 'scripts/**/*.test.mjs'] } },
      {
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
