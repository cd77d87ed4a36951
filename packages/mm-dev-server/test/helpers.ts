import { DEFAULT_IDS } from '../src/index.ts';

export const bot = { Authorization: `Bearer ${DEFAULT_IDS.botToken}`, 'Content-Type': 'application/json' };
export const alice = {
  Authorization: `Bearer ${DEFAULT_IDS.aliceToken}`,
  'Content-Type': 'application/json',
};
export const admin = {
  Authorization: `Bearer ${DEFAULT_IDS.adminToken}`,
  'Content-Type': 'application/json',
};

export async function call(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
