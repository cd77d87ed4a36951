import { defineConfig } from 'vitest/config';

// Real OpenClaw runs take seconds to minutes (a first install ~30 s per version, a 9.6 gateway
// ~10 s to start), so the timeouts are generous; the suite itself runs its OpenClaw runs in sequence.
export default defineConfig({
  test: {
    name: 'openclaw-e2e',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
