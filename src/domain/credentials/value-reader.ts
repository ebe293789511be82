/**
 * Reads the value after a keyword and its connector: quoted (any quote, code fences, curly
 * quotes) or bare up to whitespace or a field separator, without sentence punctuation or
 * Slack's bold and italic marks. Reads at most MAX_VALUE characters, so it is cheap to try.
 */
import type { Connection, ValueContext } from './values.js';

const QUOTE_PAIRS: Readonly<Record<string, string>> = {
  '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’', '”': '”', '’': '’',
};
/** Longer than any password people type; bounds every read. */
export const MAX_VALUE = 200;

export interface Value {
  start: number;
  end: number;
  context: ValueContext;
}

function isTerminator(text: string, i: number): boolean {
  const ch = text.charAt(i);
  if (/[\s"'`<>,;|“”‘’]/.test(ch)) return true;
  // In a query string or connection string `&` starts the next field.
  return ch === '&' && /^&[A-Za-z_][\w.-]{0,30}=/.test(text.slice(i, i + 34));
}

function readQuoted(text: string, at: number): Value | undefined {
  const open = text.charAt(at);
  let start = at + 1;
  // ``` code fences and `` doubled backticks wrap a value like a single backtick.
  while (open === '`' && text.charAt(start) === '`' && start < at + 3) start++;
  // Searched within a bounded window: an unclosed quote must not send every keyword to the end.
  const inside = text.slice(start, start + MAX_VALUE + 1);
  const close = inside.indexOf(QUOTE_PAIRS[open] ?? open);
  if (close === -1 || inside.slice(0, close).includes('\n')) return undefined;
  return { start, end: start + close, context: { connection: 'assign', quoted: true, followedByWords: false } };
}

const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

function isTrailingPunctuation(text: string, start: number, end: number): boolean {
  const last = text.charAt(end - 1);
  if (last === '.' || last === ':') return true;
  const opener = CLOSERS[last];
  return opener !== undefined && !text.slice(start, end - 1).includes(opener);
}

function readBare(text: string, at: number): Value {
  let end = at;
  const limit = Math.min(text.length, at + MAX_VALUE);
  while (end < limit && !isTerminator(text, end)) end++;
  // "viewer / Gx7!…" is a login pair: the slash continues the sentence like a word.
  const followedByWords = /^[ \t]{1,3}(?:[A-Za-z]|\/[ \t])/.test(text.slice(end, end + 5));
  let start = at;
  // Sentence punctuation after a value is not part of it; `!` and `?` often are. A closing
  // bracket is kept when the value opened it, as in `auth[1]`.
  while (end > start && isTrailingPunctuation(text, start, end)) end--;
  // Slack bold, italic and strike wrap a value without being part of it.
  const first = text.charAt(start);
  if (end - start > 2 && /[*_~]/.test(first) && text.charAt(end - 1) === first) {
    start++;
    end--;
  }
  return { start, end, context: { connection: 'assign', quoted: false, followedByWords } };
}

export function readValue(text: string, at: number, connection: Connection): Value | undefined {
  let i = at;
  while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
  if (i >= text.length || text.charAt(i) === '\n') return undefined;
  const value = text.charAt(i) in QUOTE_PAIRS ? readQuoted(text, i) : readBare(text, i);
  if (value === undefined || value.end <= value.start) return undefined;
  value.context.connection = connection;
  return value;
}

