// @vitest-environment node
// The deploy script against mm-dev-server: a real upload + enable, and the refusals users meet.
import { createServer, DEFAULT_IDS } from '@livestatus/mm-dev-server';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build scripts without type declarations
import { buildBundle } from '../build.mjs';
// @ts-expect-error: plain ESM build scripts without type declarations
import { deployPlugin } from '../scripts/deploy.mjs';
// @ts-expect-error: plain ESM build scripts without type declarations
import { packagePlugin } from '../scripts/package.mjs';

async function packaged(): Promise<string> {
  await buildBundle();
  return packagePlugin().file;
}

describe('npm run deploy', () => {
  it('uploads and enables the plugin, which then serves its bundle', async () => {
    const file = await packaged();
    const server = await createServer();
    try {
      await deployPlugin({ url: server.url, token: DEFAULT_IDS.adminToken, file });
      const list = (await (await fetch(`${server.url}/api/v4/plugins/webapp`)).json()) as Array<{
        id: string;
      }>;
      expect(list.map((m) => m.id)).toContain('com.openclaw.livestatus');
    } finally {
      await server.close();
    }
  });

  it('explains a 403 for a token that is not a system admin', async () => {
    const file = await packaged();
    const server = await createServer();
    try {
      await expect(deployPlugin({ url: server.url, token: DEFAULT_IDS.aliceToken, file })).rejects.toThrow(
        /403.*system admin/,
      );
    } finally {
      await server.close();
    }
  });

  it('explains a 501 when uploads are disabled and points to the manual install', async () => {
    const file = await packaged();
    const server = await createServer({ plugins: { uploadsEnabled: false } });
    try {
      await expect(deployPlugin({ url: server.url, token: DEFAULT_IDS.adminToken, file })).rejects.toThrow(
        /501.*Manual install/,
      );
    } finally {
      await server.close();
    }
  });
});
