/**
 * Multi-line private keys: PEM and OpenSSH blocks, PGP private key blocks, PuTTY key files
 * and Google Cloud service-account JSON. Public keys and certificates share the armour but
 * not the words "PRIVATE KEY", so they never match.
 */
import type { Candidate, Scanner } from './rules.js';

const BEGIN =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/g;
const PUTTY = /PuTTY-User-Key-File-\d: /g;

/**
 * A header with nothing real under it ("it starts with -----BEGIN RSA PRIVATE KEY-----",
 * or a `...` body in docs) is talk about a key, not a key: require a base64 run soon after.
 */
const BODY_RUN = /[A-Za-z0-9+/=]{32}/g;
const BODY_WINDOW = 600;

/**
 * Whether a base64 run starts within BODY_WINDOW of `from`. The next run after a position
 * serves every header before it, so it is searched once, not once per header.
 */
function bodyFinder(text: string): (from: number) => boolean {
  const run = new RegExp(BODY_RUN.source, 'g');
  let next = -2;
  return (from) => {
    if (next !== -1 && next < from) {
      run.lastIndex = from;
      next = run.exec(text)?.index ?? -1;
    }
    return next !== -1 && next - from <= BODY_WINDOW;
  };
}

/** Characters of a base64 body, including the literal `\n` escapes of a key inside JSON. */
function isBodyChar(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) ||
    code === 43 || code === 47 || code === 61 || code === 92 || code === 32 || code === 9 ||
    code === 10 || code === 13
  );
}

/** End of a truncated paste: the body runs until the first character a body cannot hold. */
function endOfBody(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBodyChar(text.charCodeAt(i))) i++;
  while (i > from && /\s/.test(text.charAt(i - 1))) i--;
  return i;
}

/**
 * Finds `-----END <label>-----` once per label. When a search fails, later ones would fail
 * too, so remembering it keeps a message of many unterminated headers linear.
 */
function endFinder(text: string): (label: string, from: number) => number {
  const lastFound = new Map<string, number>();
  return (label, from) => {
    let at = lastFound.get(label);
    if (at === undefined || (at !== -1 && at < from)) {
      at = text.indexOf(`-----END ${label}-----`, from);
      lastFound.set(label, at);
    }
    return at === -1 ? -1 : at + `-----END ${label}-----`.length;
  };
}

function scanPem(text: string): Candidate[] {
  const found: Candidate[] = [];
  const findEnd = endFinder(text);
  const hasBody = bodyFinder(text);
  const begin = new RegExp(BEGIN.source, 'g');
  let match: RegExpExecArray | null;
  while ((match = begin.exec(text)) !== null) {
    const headerEnd = match.index + match[0].length;
    if (!hasBody(headerEnd)) continue;
    const endMarker = findEnd(match[1] ?? '', headerEnd);
    const end = endMarker === -1 ? endOfBody(text, headerEnd) : endMarker;
    found.push({ kind: 'private_key', start: match.index, end });
    begin.lastIndex = Math.max(end, headerEnd);
  }
  return found;
}

function scanPutty(text: string): Candidate[] {
  const found: Candidate[] = [];
  const hasBody = bodyFinder(text);
  let privateAt = 0;
  for (const match of text.matchAll(PUTTY)) {
    if (privateAt < match.index) privateAt = text.indexOf('Private-Lines:', match.index);
    if (privateAt === -1) break;
    const bodyStart = text.indexOf('\n', privateAt);
    if (bodyStart === -1 || !hasBody(bodyStart)) continue;
    found.push({ kind: 'private_key', start: match.index, end: endOfBody(text, bodyStart) });
  }
  return found;
}

export const PRIVATE_KEY_SCANNER: Scanner = {
  applies: (lower) => lower.includes('private key') || lower.includes('private-lines:'),
  scan: (text) => [...scanPem(text), ...scanPutty(text)],
};

const SERVICE_ACCOUNT_TYPE = /"type"\s{0,20}:\s{0,20}"service_account"/;
const SERVICE_ACCOUNT_KEY = /"private_key"\s{0,20}:\s{0,20}"([^"]{20,10000})/g;

/** The service-account JSON's `private_key` value; the rest of the file is not secret. */
export const GCP_SERVICE_ACCOUNT_SCANNER: Scanner = {
  applies: (lower) => lower.includes('service_account') && lower.includes('"private_key"'),
  scan(text) {
    if (!SERVICE_ACCOUNT_TYPE.test(text)) return [];
    const found: Candidate[] = [];
    for (const match of text.matchAll(SERVICE_ACCOUNT_KEY)) {
      const value = match[1] ?? '';
      if (!value.includes('PRIVATE KEY') && value.length < 200) continue;
      const start = match.index + match[0].length - value.length;
      found.push({ kind: 'gcp_service_account', start, end: start + value.length });
    }
    return found;
  },
};
