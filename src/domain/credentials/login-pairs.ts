/**
 * Passwords with no keyword before them. Two shapes people write in chat:
 * - a login pair: `admin / S3cret!x`, "creds for the router are admin / …", "login is
 *   deploy:…", `u: svc p: …`;
 * - the value first, then its keyword: "Mango!Tango5 is the new root password", `"…" <-
 *   that's the vpn password`.
 * With no keyword to lean on, the value must look chosen: letters, digits and a third class.
 */
import { classCount, hasLetterAndDigit } from './entropy.js';
import { isPlaceholder, isReference } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';

/** Accounts that exist on nearly every system; `admin / x` needs no other context. */
const COMMON_ACCOUNTS =
  /^(?:admin|administrator|root|sa|sysadmin|superuser|postgres|oracle|sys|system|ubuntu|ec2-user|centos|debian|pi|guest|user|test|operator|support|elastic|kibana|grafana|jenkins|deploy|deployer|ci|svc[\w.-]*|service[\w.-]*|ftp|ftpuser|manager|webmaster|admin[\w.-]{1,20}|[\w.-]{1,20}admin)$/i;
/** Words that say the pair on this line is a login. */
const LOGIN_CONTEXT =
  /\b(?:creds?|credentials?|login|log in|logon|sign[ -]?in|username|user ?name|account|wi-?fi|ssid|router|console|portal|basic auth|auth|user\/pass|u\/p)\b/i;

/** A value that carries its own evidence of being chosen or generated. */
function looksChosen(value: string): boolean {
  if (value.length < 6 || value.length > 64 || !hasLetterAndDigit(value) || classCount(value) < 3) return false;
  if (/^v?\d+(?:\.\d+)+/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value)) return false; // versions, dates
  if (/[/\\]|:\/\/|^[\w.+-]+@[\w-]+\.[\w.]+$/.test(value)) return false; // paths, URLs, emails
  if (/^[A-Z]{2,10}-\d{1,6}$/.test(value)) return false; // ticket ids
  return !isPlaceholder(value) && !isReference(value);
}

/** `user / value`: spaces around the slash, as people type it; paths have none. */
const SLASH_PAIR = /(?<![\w./@-])([A-Za-z][\w.@-]{0,40})[ \t]{1,3}\/[ \t]{1,3}(["'`]?)([^\s"'`]{6,64})\2(?![^\s.,;:!?)])/g;
/** `user:value` after a login word on the same line. */
const COLON_PAIR = /(?<![\w./@:-])([A-Za-z][\w.-]{0,40}):([^\s:/"'`][^\s"'`]{5,63})(?![^\s.,;!?)])/g;
/** `u: name p: value`, `user=name p=value`: `p` alone is no keyword, but after a user it is one. */
const SHORT_PAIR = /\b(?:u|usr|user|username|login)[ \t]?[:=][ \t]?[^\s,;|]{1,64}[\s,;/|]{1,4}p[ \t]?[:=][ \t]?(["'`]?)([^\s"'`]{4,64})\1/gi;

/** The text before `at` on the same line, at most 120 characters and not before `floor`. */
function lineBefore(text: string, at: number, floor = 0): string {
  const from = Math.max(floor, at - 120);
  const slice = text.slice(from, at);
  return slice.slice(slice.lastIndexOf('\n') + 1);
}

/** Sentence punctuation after a value is not part of it; `!` and `?` often are. */
const trimmed = (value: string): string => value.replace(/[.,;:)]+$/, '');

/** Each shape runs only when its cheapest ingredient is present: most chat has none. */
function pairs(text: string, lower: string): Candidate[] {
  const found: Candidate[] = [];
  const slashes = lower.includes(' / ') || lower.includes(' /\t');
  for (const match of slashes ? text.matchAll(SLASH_PAIR) : []) {
    const [, user = '', quote = '', raw = ''] = match;
    const value = trimmed(raw);
    if (!looksChosen(value)) continue;
    if (!COMMON_ACCOUNTS.test(user) && !LOGIN_CONTEXT.test(lineBefore(text, match.index))) continue;
    const start = match.index + match[0].length - raw.length - quote.length;
    found.push({ kind: 'password_assignment', start, end: start + value.length });
  }
  for (const match of LOGIN_CONTEXT.test(lower) ? text.matchAll(COLON_PAIR) : []) {
    const [whole, , raw = ''] = match;
    const value = trimmed(raw);
    if (!looksChosen(value) || !LOGIN_CONTEXT.test(lineBefore(text, match.index))) continue;
    const start = match.index + whole.length - raw.length;
    found.push({ kind: 'password_assignment', start, end: start + value.length });
  }
  for (const match of /\bp ?[:=]/.test(lower) ? text.matchAll(SHORT_PAIR) : []) {
    const [whole, quote = '', value = ''] = match;
    if (value.length < 6 || !hasLetterAndDigit(value) || isPlaceholder(value) || isReference(value)) continue;
    const start = match.index + whole.length - value.length - quote.length;
    found.push({ kind: 'password_assignment', start, end: start + value.length });
  }
  return found;
}

const KEYWORD_AFTER = /\b(?:password|passphrase|passcode|passwd|pw|pwd)\b/gi;
/**
 * What may join a value to a keyword after it: a verb or arrow, then a possessive or "the",
 * then up to three qualifiers ("new root", "wifi"). "a"/"an" is deliberately absent:
 * "Password123 is a terrible password" names an example, not someone's password.
 */
const VERB = "(?:is|was|will be|works|worked|as|that'?s|that is|it'?s|becomes)[ \\t]{1,3}";
const ARROW = '(?:<-+|←|=|-{1,2}|—)[ \\t]{0,3}';
const VALUE_THEN_KEYWORD = new RegExp(
  `(?:^|[\\s(])(["'\`“]?)([^\\s"'\`“”]{6,64})["'\`”]?[ \\t]{1,3}(?:${ARROW}(?:${VERB}){0,2}|(?:${VERB}){1,2})` +
    '(?:the|my|our|your|his|her|their)[ \\t]{1,3}(?:[\\w-]{1,15}[ \\t]{1,3}){0,3}$',
  'i',
);
/** Descriptions, not assignments: "the most common password", "the worst password". */
const DESCRIPTIVE = /\b(?:most|worst|weakest|best|strongest|common|popular|example|sample|default|typical)\b/i;

function valuesBeforeKeyword(text: string): Candidate[] {
  const found: Candidate[] = [];
  let previousEnd = 0;
  for (const keyword of text.matchAll(KEYWORD_AFTER)) {
    const after = keyword.index + keyword[0].length;
    // Only words join a value to its keyword, so the value lies after any earlier keyword;
    // reading from there keeps a message of repeated keywords linear.
    const from = previousEnd;
    previousEnd = after;
    // Cheap exits first: the keyword ends the phrase ("… the vpn password", not "password:")
    // and follows a word after a space.
    if (!/[ \t]/.test(text.charAt(keyword.index - 1)) || /^[ \t]{0,2}[:=]/.test(text.slice(after, after + 3))) continue;
    const line = lineBefore(text, keyword.index, from);
    const match = VALUE_THEN_KEYWORD.exec(line);
    if (match === null) continue;
    const value = match[2] ?? '';
    const quoted = (match[1] ?? '') !== '';
    if (DESCRIPTIVE.test(match[0]) || !(looksChosen(value) || (quoted && value.length >= 8 && classCount(value) >= 2))) continue;
    const start = keyword.index - line.length + match.index + match[0].indexOf(value, (match[1] ?? '').length);
    found.push({ kind: 'password_assignment', start, end: start + value.length });
  }
  return found;
}

export const LOGIN_PAIR_SCANNER: Scanner = {
  applies: (lower) => lower.includes('/') || lower.includes(':') || lower.includes('=') || lower.includes('pw') || lower.includes('pass'),
  scan: (text, lower) => [...pairs(text, lower), ...(/pw|pass/.test(lower) ? valuesBeforeKeyword(text) : [])],
};
