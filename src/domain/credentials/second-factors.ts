/**
 * Second factors: a TOTP seed lets anyone mint the codes forever, and recovery codes skip
 * the second factor altogether. Found as `otpauth://` URIs, as a base32 seed after an
 * authenticator word, and as lists of codes (after a heading, or six or more alike lines).
 */
import { classCount, hasLetterAndDigit, shannonEntropy } from './entropy.js';
import { isDocumentedExample } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';

const OTPAUTH = /otpauth:\/\/[th]otp\/[^\s?]{0,200}\?(?:[^\s]{0,200}?[?&])?secret=([A-Za-z2-7]{16,128})=*/gi;
const OTPAUTH_MIGRATION = /otpauth-migration:\/\/offline\?data=([A-Za-z0-9%+/=_-]{20,4000})/gi;
/** A seed shown for manual entry: base32, often in groups of four. */
const SEED_AFTER_WORD =
  /\b(?:totp|otp|2fa|mfa|two[- ]factor|authenticator|google auth)\b[^\n]{0,40}?\b(?:secret|seed|key|setup key|code)\b[^\n\w]{0,5}(?:is[ \t]{1,3}|[:=][ \t]{0,3})?([A-Za-z2-7]{4}(?:[ -]?[A-Za-z2-7]{4}){3,15})(?![A-Za-z0-9])/gi;

function isBase32Seed(value: string): boolean {
  const bare = value.replace(/[ -]/g, '').toUpperCase();
  return bare.length >= 16 && /[2-7]/.test(bare) && /[A-Z]/.test(bare) && shannonEntropy(bare) >= 3 && !isDocumentedExample(bare);
}

const AUTHENTICATOR_WORD = /totp|otp|2fa|mfa|factor|authenticator|google auth/;

function seeds(text: string, lower: string): Candidate[] {
  const found: Candidate[] = [];
  const patterns = lower.includes('otpauth') ? [OTPAUTH, OTPAUTH_MIGRATION] : [];
  if (AUTHENTICATOR_WORD.test(lower)) patterns.push(SEED_AFTER_WORD);
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const value = match[1] ?? '';
      if (pattern !== OTPAUTH_MIGRATION && !isBase32Seed(value)) continue;
      const start = match.index + match[0].lastIndexOf(value);
      found.push({ kind: 'otp_secret', start, end: start + value.length });
    }
  }
  return found;
}

const HEADING = /\b(?:recovery|backup|scratch|emergency|one[- ]time|2fa|mfa|two[- ]factor)[ \t]{0,3}(?:codes?|keys?)\b/gi;
/** One code: 8-16 characters, or 2-4 groups of 3-6 joined by `-` or a space. */
const CODE = /^(?:[A-Za-z0-9]{3,6}(?:[- ][A-Za-z0-9]{3,6}){1,3}|[A-Za-z0-9]{8,16})$/;
/** List markers and numbering people put before each code. */
const MARKER = /^\s*(?:[-*•·:]|\d{1,2}[.)])?\s*/;
const ITEM_SEPARATOR = /\r?\n|[,;]|\t|[ ]{2,}/;
const MIN_WITH_HEADING = 4;
const MIN_WITHOUT_HEADING = 6;
const REGION = 1200;

/** Codes share one shape: the same lengths and separators. */
const shapeOf = (code: string): string => code.replace(/[A-Za-z0-9]/g, 'x');

interface Run {
  start: number;
  end: number;
  codes: string[];
}

/**
 * The list's items with their offsets. An item that is no code as a whole but splits on
 * single spaces into codes (`w8kp-yw52 6pzm-8chq …`) counts as those codes.
 */
function* items(region: string): Generator<{ raw: string; itemStart: number }> {
  let at = 0;
  for (const raw of region.split(ITEM_SEPARATOR)) {
    const item = raw.replace(MARKER, '').trim();
    if (item.includes(' ') && !CODE.test(item) && item.split(' ').every((part) => CODE.test(part))) {
      let offset = at;
      for (const part of raw.split(' ')) {
        yield { raw: part, itemStart: offset };
        offset += part.length + 1;
      }
    } else {
      yield { raw, itemStart: at };
    }
    at += raw.length + 1;
  }
}

/** The longest run of same-shaped codes from the start of `region`, skipping leading filler. */
function firstRun(region: string, offset: number): Run | undefined {
  let run: Run | undefined;
  for (const { raw, itemStart } of items(region)) {
    const item = raw.replace(MARKER, '').trim();
    if (item === '') continue;
    const fits = CODE.test(item) && /\d/.test(item) && (run === undefined || shapeOf(item) === shapeOf(run.codes[0] ?? ''));
    if (!fits) {
      if (run !== undefined) break;
      continue;
    }
    const start = offset + itemStart + raw.indexOf(item);
    run ??= { start, end: start, codes: [] };
    run.codes.push(item);
    run.end = start + item.length;
  }
  return run;
}

/** Random codes: distinct, and not one shared prefix with counters (`OPS-4412, OPS-4417`). */
function looksRandom(codes: string[], needLetters: boolean): boolean {
  if (new Set(codes).size < codes.length) return false;
  const heads = new Set(codes.map((code) => code.split(/[- ]/)[0]));
  if (heads.size < codes.length / 2) return false;
  const mixed = codes.filter((code) => hasLetterAndDigit(code) && classCount(code.replace(/[- ]/g, '')) >= 2).length;
  return !needLetters || mixed >= codes.length * 0.7;
}

function codeLists(text: string, lower: string): Candidate[] {
  const found: Candidate[] = [];
  // A heading inside the region another heading already read starts no second read, so a
  // message of repeated headings stays linear.
  let readUntil = -1;
  const headings = lower.includes('code') || lower.includes('key') ? text.matchAll(HEADING) : [];
  for (const heading of headings) {
    const from = heading.index + heading[0].length;
    if (from < readUntil) continue;
    const run = firstRun(text.slice(from, from + REGION), from);
    readUntil = run?.end ?? from + REGION;
    if (run !== undefined && run.codes.length >= MIN_WITH_HEADING && looksRandom(run.codes, false)) {
      found.push({ kind: 'recovery_codes', start: run.start, end: run.end });
    }
  }
  if (found.length === 0 && (text.match(/\n/g)?.length ?? 0) >= MIN_WITHOUT_HEADING - 1) {
    const run = firstRun(text.slice(0, REGION * 4), 0);
    if (run !== undefined && run.codes.length >= MIN_WITHOUT_HEADING && looksRandom(run.codes, true)) {
      found.push({ kind: 'recovery_codes', start: run.start, end: run.end });
    }
  }
  return found;
}

export const SECOND_FACTOR_SCANNER: Scanner = {
  applies: (lower) => lower.includes('otpauth') || AUTHENTICATOR_WORD.test(lower) || lower.includes('code') || lower.includes('key') || lower.includes('\n'),
  scan: (text, lower) => [...seeds(text, lower), ...codeLists(text, lower)],
};
