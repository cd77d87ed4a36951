import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'tui',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
  },
});
