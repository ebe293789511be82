/**
 * Measures of how random a string looks, and a base64 decoder. Kept here rather than using
 * platform globals so the domain stays free of runtime dependencies.
 */

/** Shannon entropy in bits per character. Random base64 scores about 5, English prose under 4.2. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export interface CharClasses {
  lower: boolean;
  upper: boolean;
  digit: boolean;
  /** Any other printable character. */
  symbol: boolean;
}

export function charClasses(value: string): CharClasses {
  const classes = { lower: false, upper: false, digit: false, symbol: false };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) classes.lower = true;
    else if (c >= 65 && c <= 90) classes.upper = true;
    else if (c >= 48 && c <= 57) classes.digit = true;
    else classes.symbol = true;
  }
  return classes;
}

export function classCount(value: string): number {
  const c = charClasses(value);
  return Number(c.lower) + Number(c.upper) + Number(c.digit) + Number(c.symbol);
}

/** Random tokens mix both; words, ids and numbers usually do not. */
export function hasLetterAndDigit(value: string): boolean {
  return /[A-Za-z]/.test(value) && /\d/.test(value);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map<string, number>(
  [...BASE64_ALPHABET].map((ch, i) => [ch, i] as const),
);

/**
 * Decodes standard or URL-safe base64 (padding optional) into a string of byte values
 * (one char per byte). Undefined when the input is not base64, so callers can treat
 * "does not decode" as "not this format".
 */
export function decodeBase64(value: string): string | undefined {
  const clean = value.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (clean.length % 4 === 1) return undefined;
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = BASE64_VALUES.get(ch);
    if (v === undefined) return undefined;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}
