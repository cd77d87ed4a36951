import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The webapp runs inside Mattermost's own React 18.2, so its tests resolve react/react-dom to
// this workspace's React 18.2 copy, never the repo's React 19.
const require = createRequire(import.meta.url);
const reactDir = path.dirname(require.resolve('react/package.json'));
const reactDomDir = path.dirname(require.resolve('react-dom/package.json'));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^react$/, replacement: reactDir },
      { find: /^react\/(.*)$/, replacement: `${reactDir}/$1` },
      { find: /^react-dom$/, replacement: reactDomDir },
      { find: /^react-dom\/(.*)$/, replacement: `${reactDomDir}/$1` },
    ],
    dedupe: ['react', 'react-dom'],
  },
  test: {
    name: 'mm-webapp',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    testTimeout: 60_000,
    server: { deps: { inline: [/@livestatus\//] } },
  },
});
