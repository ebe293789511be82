/**
 * Credentials recognised by decoding them: a JWT's header is JSON naming an algorithm, and
 * an `Authorization: Basic` value is base64 of `user:password`. Decoding is what separates
 * them from any other dotted or base64 string.
 */
import { classCount, decodeBase64, shannonEntropy } from './entropy.js';
import { isDocumentedExample, isPlaceholder, isReference } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';

/** Three base64url segments; the header always starts `{"` which encodes to `eyJ`. */
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{8,12000}\.[A-Za-z0-9_-]{0,4000}(?![A-Za-z0-9_-])/g;

function headerNamesAlgorithm(segment: string): boolean {
  const json = decodeBase64(segment);
  if (json === undefined) return false;
  try {
    const header: unknown = JSON.parse(json);
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

export const JWT_SCANNER: Scanner = {
  applies: (_lower, text) => text.includes('eyJ'),
  scan(text) {
    const found: Candidate[] = [];
    for (const match of text.matchAll(JWT)) {
      const token = match[0];
      const header = token.slice(0, token.indexOf('.'));
      if (isDocumentedExample(token) || !headerNamesAlgorithm(header)) continue;
      found.push({ kind: 'jwt', start: match.index, end: match.index + token.length });
    }
    return found;
  },
};

const AUTHORIZATION =
  /(?<![A-Za-z0-9-])(?:proxy-)?authorization["']?\s{0,5}[:=]\s{0,5}["']?(bearer|basic|token|apikey)\s{1,5}([A-Za-z0-9._~+/=-]{12,4000})/gi;

/** A Basic credential must decode to printable `user:password`; anything else is not one. */
function isBasicCredential(value: string): boolean {
  const decoded = decodeBase64(value);
  if (decoded === undefined || !/^[\x20-\x7e]{1,200}:[\x20-\x7e]{3,200}$/.test(decoded)) return false;
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return !isPlaceholder(password) && !isReference(password);
}

function isOpaqueCredential(value: string): boolean {
  return (
    value.length >= 16 && classCount(value) >= 2 && shannonEntropy(value) >= 3 &&
    !isPlaceholder(value) && !isReference(value)
  );
}

/** `Authorization: Bearer …` in a pasted curl command or HTTP dump; the span is the credential. */
export const AUTHORIZATION_SCANNER: Scanner = {
  applies: (lower) => lower.includes('authorization'),
  scan(text) {
    const found: Candidate[] = [];
    for (const match of text.matchAll(AUTHORIZATION)) {
      const scheme = (match[1] ?? '').toLowerCase();
      const value = match[2] ?? '';
      const ok = scheme === 'basic' ? isBasicCredential(value) : isOpaqueCredential(value);
      if (!ok) continue;
      const start = match.index + match[0].length - value.length;
      found.push({ kind: 'authorization_header', start, end: start + value.length });
    }
    return found;
  },
};
