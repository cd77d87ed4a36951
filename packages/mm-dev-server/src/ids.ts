import { randomBytes } from 'node:crypto';

// Mattermost ids: 26 characters of base32 with this alphabet (model.NewId).
const ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** A new id shaped like Mattermost's (26 chars, [a-z0-9]). */
export function newId(): string {
  const bytes = randomBytes(17);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Mattermost's `model.IsValidId`: 26 chars of [a-z0-9]. */
export function isValidId(id: string): boolean {
  return /^[a-z0-9]{26}$/.test(id);
}
