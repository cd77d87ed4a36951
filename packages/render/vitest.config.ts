import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'render',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    // Ink's colours are decided when chalk loads; force them so tests can see the tones.
    env: { FORCE_COLOR: '1' },
  },
});
