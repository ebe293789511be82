/**
 * Vendor formats recognisable on their own: a fixed prefix, a charset and a length. Their
 * prefixes double as anchors: one pass over the text (see anchor-index.ts) says which rules
 * can match, and only those run a regular expression.
 *
 * Every pattern is a run of bounded character classes behind a literal prefix, with
 * look-arounds for word edges: no nested or overlapping quantifiers, so matching is linear.
 */
import { buildAnchorIndex } from './anchor-index.js';
import { shannonEntropy } from './entropy.js';
import type { CredentialKind } from './kinds.js';
import { isDocumentedExample, isPlaceholder } from './placeholders.js';

/** A match before de-duplication. */
export interface Candidate {
  kind: CredentialKind;
  start: number;
  end: number;
  /** Words for people when the kind's own label is too general ("a Pulumi access token"). */
  label?: string;
}

/** One detector: `applies` is the cheap test on the lower-cased text, `scan` does the work. */
export interface Scanner {
  applies(lower: string, text: string): boolean;
  scan(text: string, lower: string): Candidate[];
}

export interface TokenRule {
  kind: CredentialKind;
  /** Shown instead of the kind's label; for the many vendors that share `saas_api_token`. */
  label?: string;
  /** Lower-case substrings of at least 2 characters; the rule runs only when one occurs. */
  anchors: readonly string[];
  pattern: RegExp;
  /** Floor in bits per character; placeholders such as `ghp_xxxx…` fall under it. */
  minEntropy?: number;
  /** Extra shape test on the whole match. */
  check?: (token: string) => boolean;
}

/** Word edges for a token made of `[A-Za-z0-9_]` plus `extra` (already escaped for a class). */
export function bounded(source: string, flags = 'g', extra = '-'): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_${extra}])(?:${source})(?![A-Za-z0-9_${extra}])`, flags);
}

function plausible(rule: TokenRule, token: string): boolean {
  if (isDocumentedExample(token) || isPlaceholder(token)) return false;
  if (shannonEntropy(token) < (rule.minEntropy ?? 3)) return false;
  return rule.check?.(token) ?? true;
}

/** One scanner for a whole table of rules: the anchor pass picks the rules worth running. */
export function tokenRulesScanner(rules: readonly TokenRule[]): Scanner {
  const index = buildAnchorIndex(rules.flatMap((rule, id) => rule.anchors.map((anchor) => [anchor, id] as const)));
  return {
    applies: () => true,
    scan(text, lower) {
      const found: Candidate[] = [];
      for (const id of index.present(lower)) {
        const rule = rules[id];
        if (rule === undefined) continue;
        for (const match of text.matchAll(rule.pattern)) {
          if (!plausible(rule, match[0])) continue;
          const candidate: Candidate = { kind: rule.kind, start: match.index, end: match.index + match[0].length };
          if (rule.label !== undefined) candidate.label = rule.label;
          found.push(candidate);
        }
      }
      return found;
    },
  };
}
