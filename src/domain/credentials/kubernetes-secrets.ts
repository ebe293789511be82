/**
 * A Kubernetes Secret manifest: every entry under `data:` is a base64 secret, whatever its
 * name (`tls.key`, `DATABASE_URL`, `config.json`). Names alone say nothing, so the manifest
 * (`kind: Secret`) is the keyword, and each value must decode to printable text.
 */
import { decodeBase64, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';

const KIND_SECRET = /\bkind:[ \t]*["']?Secret["']?[ \t]*$/m;
const DATA_BLOCK = /^([ \t]*)data:[ \t]*\r?\n/gm;
/** An entry one level in: `  name: base64` (quotes optional). */
const ENTRY = /^([ \t]+)[\w.-]{1,253}:[ \t]*["']?([A-Za-z0-9+/]{8,8000}={0,2})["']?[ \t]*$/;
const MAX_LINES = 200;

function isSecretPayload(value: string): boolean {
  const decoded = decodeBase64(value);
  if (decoded === undefined || decoded.length < 4) return false;
  // Keys and certificates are binary-ish once decoded from PEM; text must be printable.
  if (!/^[\x20-\x7e\t\r\n]+$/.test(decoded)) return shannonEntropy(value) >= 4;
  return !isPlaceholder(decoded.trim()) && shannonEntropy(decoded) >= 2;
}

export const KUBERNETES_SECRET_SCANNER: Scanner = {
  applies: (lower) => lower.includes('kind:') && lower.includes('secret') && lower.includes('data:'),
  scan(text) {
    if (!KIND_SECRET.test(text)) return [];
    const found: Candidate[] = [];
    for (const block of text.matchAll(DATA_BLOCK)) {
      const indent = (block[1] ?? '').length;
      let at = block.index + block[0].length;
      for (let line = 0; line < MAX_LINES && at < text.length; line++) {
        const next = text.indexOf('\n', at);
        const end = next === -1 ? text.length : next;
        const entry = ENTRY.exec(text.slice(at, end));
        if (entry === null || (entry[1] ?? '').length <= indent) break;
        const value = entry[2] ?? '';
        if (isSecretPayload(value)) {
          const start = at + (entry.index ?? 0) + entry[0].indexOf(value, (entry[1] ?? '').length);
          found.push({ kind: 'secret_assignment', label: 'a value from a Kubernetes Secret', start, end: start + value.length });
        }
        at = end + 1;
      }
    }
    return found;
  },
};
