/**
 * The vendor-keyword shape: a vendor's name, then (in the same identifier, a few words on,
 * or one level down in YAML or JSON) an assignment, then a value of that vendor's exact
 * format: `HEROKU_API_KEY=<uuid>`, `"sentry": {"token": "<64 hex>"}`, "the heroku api key
 * 3f0c…". Without `=` or `:`, the
 * words between must name a credential, so "heroku app 3f0c…" stays quiet.
 */
import { buildAnchorIndex } from './anchor-index.js';
import { hasLetterAndDigit, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';
import { VENDOR_KEYWORD_RULES, type VendorKeywordRule } from './vendor-keyword-rules.js';

/** gitleaks' connector: the rest of the name, optional quotes, an operator, optional quotes. */
const ASSIGNED = /[ \t\w.-]{0,24}[\s'"\]]{0,3}(?::{1,3}=|=>|\?=|\|\||[=:>,])[\s`'"=]{0,5}/y;
/** YAML or JSON one level down: `sentry:` then `  auth_token: …` on the next line. */
const NESTED = /["']?[ \t]{0,2}:[ \t]{0,3}\{?[ \t]{0,3}\r?\n?[ \t]{0,12}["']?[\w.-]{1,40}["']?[ \t]{0,2}[:=][ \t]{0,3}["'`]?/y;
/** A gap between words on one line, with the quote a value may open. */
const GAP = /[ \t]{1,3}[`'"]?/y;
const WORD = /[A-Za-z][\w.-]{0,19}/y;
const MAX_WORDS = 4;
const REPEAT_GAP = 24;
const CREDENTIAL_WORD = /\b(?:api|key|token|secret|pat|auth|access|password|passwd|pw|creds?|credentials?)\b/i;
const VALUE = /[A-Za-z0-9_\-=+/.:%|~]{1,200}/y;

const INDEX = buildAnchorIndex(
  VENDOR_KEYWORD_RULES.flatMap((rule, id) => rule.keywords.map((keyword) => [keyword, id] as const)),
);

/** At a word start, or a camelCase hump as in `myHerokuKey`; not inside "global" or "multitask". */
function startsName(text: string, at: number): boolean {
  const prev = text.charAt(at - 1);
  if (!/[A-Za-z]/.test(prev)) return true;
  return /[a-z]/.test(prev) && /[A-Z]/.test(text.charAt(at));
}

function readValueAt(text: string, at: number): { start: number; value: string } | undefined {
  VALUE.lastIndex = at;
  const match = VALUE.exec(text);
  if (match === null) return undefined;
  return { start: at, value: match[0].replace(/[.,:]+$/, '') };
}

function accepts(rule: VendorKeywordRule, value: string): boolean {
  if (!rule.values.some((shape) => shape.test(value))) return false;
  return hasLetterAndDigit(value) && shannonEntropy(value) >= (rule.minEntropy ?? 3) && !isPlaceholder(value);
}

const sticky = (pattern: RegExp, text: string, at: number): number | undefined => {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : undefined;
};

/** Where a value may start: after an operator, or after a few words that name a credential. */
function valueStarts(text: string, keywordEnd: number): number[] {
  const starts: number[] = [];
  const assigned = sticky(ASSIGNED, text, keywordEnd);
  if (assigned !== undefined) starts.push(assigned);
  const nested = sticky(NESTED, text, keywordEnd);
  if (nested !== undefined) starts.push(nested);
  let at = keywordEnd;
  for (let words = 0; words <= MAX_WORDS; words++) {
    const gapEnd = sticky(GAP, text, at);
    if (gapEnd === undefined) break;
    if (words > 0 && CREDENTIAL_WORD.test(text.slice(keywordEnd, gapEnd))) starts.push(gapEnd);
    const wordEnd = sticky(WORD, text, gapEnd);
    if (wordEnd === undefined) break;
    at = wordEnd;
  }
  return starts;
}

function valueAfter(text: string, rule: VendorKeywordRule, keywordEnd: number): Candidate | undefined {
  for (const at of valueStarts(text, keywordEnd)) {
    const read = readValueAt(text, at);
    if (read === undefined || !accepts(rule, read.value)) continue;
    const candidate: Candidate = { kind: rule.kind ?? 'saas_api_token', start: read.start, end: read.start + read.value.length };
    if (rule.kind === undefined) candidate.label = rule.label;
    return candidate;
  }
  return undefined;
}

export const VENDOR_KEYWORD_SCANNER: Scanner = {
  applies: () => true,
  scan(text, lower) {
    const found: Candidate[] = [];
    for (const id of INDEX.present(lower)) {
      const rule = VENDOR_KEYWORD_RULES[id];
      if (rule === undefined) continue;
      for (const keyword of rule.keywords) {
        // "heroku heroku heroku…": a name repeated within a few characters names nothing new.
        let previous = -REPEAT_GAP;
        for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + keyword.length)) {
          const tooClose = at - previous < REPEAT_GAP;
          previous = at;
          if (tooClose || !startsName(text, at)) continue;
          const candidate = valueAfter(text, rule, at + keyword.length);
          if (candidate !== undefined) found.push(candidate);
        }
      }
    }
    return found;
  },
};
