/**
 * Fingerprints for refused credentials: the first 8 hex digits of an HMAC-SHA256. Security
 * can see that the same secret was posted twice; nobody can get the secret back, and
 * without the key nobody can test a guess against the audit log.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { Fingerprint } from '../operations/ports.js';

/** The configured key, or one derived from the bot token so fingerprints stay stable across restarts. */
export function fingerprintKey(configured: string | undefined, botToken: string): Buffer {
  if (configured) return Buffer.from(configured);
  return Buffer.from(hkdfSync('sha256', botToken, 'latchkey', 'credential fingerprints', 32));
}

export function createFingerprint(key: Buffer): Fingerprint {
  return (secret) => createHmac('sha256', key).update(secret).digest('hex').slice(0, 8);
}
