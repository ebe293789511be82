/**
 * Finds credentials pasted into a chat message so the bot can refuse them. Pure: text in,
 * findings out. A finding carries offsets, never the secret, so nothing downstream can log
 * it by accident.
 */
import { ASSIGNMENT_SCANNER } from './assignments.js';
import { COMMAND_LINE_SCANNER } from './command-lines.js';
import {
  AWS_SECRET_SCANNER,
  AZURE_KEY_SCANNER,
  AZURE_SAS_SCANNER,
  DATADOG_SCANNER,
  TWILIO_AUTH_SCANNER,
} from './context-rules.js';
import { GCP_SERVICE_ACCOUNT_SCANNER, PRIVATE_KEY_SCANNER } from './key-blocks.js';
import { CREDENTIAL_LABELS, specificity, type CredentialFinding } from './kinds.js';
import { KUBERNETES_SECRET_SCANNER } from './kubernetes-secrets.js';
import { LOGIN_PAIR_SCANNER } from './login-pairs.js';
import { publicByDesignIn } from './public-by-design.js';
import { tokenRulesScanner, type Candidate, type Scanner } from './rules.js';
import { SECOND_FACTOR_SCANNER } from './second-factors.js';
import { decodeSlackText } from './slack-text.js';
import { AUTHORIZATION_SCANNER, JWT_SCANNER } from './structured.js';
import { CHAT_TOKEN_RULES } from './token-rules-chat.js';
import { CLOUD_TOKEN_RULES } from './token-rules-cloud.js';
import { CORE_TOKEN_RULES } from './token-rules-core.js';
import { DEV_TOKEN_RULES } from './token-rules-dev.js';
import { SAAS_TOKEN_RULES } from './token-rules-saas.js';
import { CREDENTIAL_URL_SCANNER } from './urls.js';
import { VENDOR_KEYWORD_SCANNER } from './vendor-keywords.js';

export { CREDENTIAL_KINDS, CREDENTIAL_LABELS } from './kinds.js';
export type { CredentialFinding, CredentialKind } from './kinds.js';
export { decodeSlackText } from './slack-text.js';

const SCANNERS: readonly Scanner[] = [
  tokenRulesScanner([...CORE_TOKEN_RULES, ...DEV_TOKEN_RULES, ...CLOUD_TOKEN_RULES, ...SAAS_TOKEN_RULES, ...CHAT_TOKEN_RULES]),
  VENDOR_KEYWORD_SCANNER,
  COMMAND_LINE_SCANNER,
  LOGIN_PAIR_SCANNER,
  SECOND_FACTOR_SCANNER,
  KUBERNETES_SECRET_SCANNER,
  PRIVATE_KEY_SCANNER,
  GCP_SERVICE_ACCOUNT_SCANNER,
  AWS_SECRET_SCANNER,
  DATADOG_SCANNER,
  TWILIO_AUTH_SCANNER,
  AZURE_KEY_SCANNER,
  AZURE_SAS_SCANNER,
  JWT_SCANNER,
  AUTHORIZATION_SCANNER,
  CREDENTIAL_URL_SCANNER,
  ASSIGNMENT_SCANNER,
];

/** Decodes Slack's markup, then lists the credentials in the text, sorted by position. */
export function detectCredentials(slackText: string): CredentialFinding[] {
  return detectInDecodedText(decodeSlackText(slackText));
}

/** The same scan on text that is already plain; offsets refer to `text` itself. */
export function detectInDecodedText(text: string): CredentialFinding[] {
  if (text.length === 0) return [];
  // Lower-casing once lets every scanner skip on a few `includes` (or one anchor pass)
  // before any regex runs. Scanners use positions in `lower` as positions in `text`, so a
  // character whose lower case is longer ("İ") makes us lower ASCII letters only.
  let lower = text.toLowerCase();
  if (lower.length !== text.length) lower = text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
  let candidates: Candidate[] = [];
  for (const scanner of SCANNERS) {
    if (scanner.applies(lower, text)) candidates.push(...scanner.scan(text, lower));
  }
  if (candidates.length === 0) return [];
  // Public-by-design values are dropped before overlaps are settled, so a public key cannot
  // hide a secret it overlaps.
  const isPublic = publicByDesignIn(text, lower);
  candidates = candidates.filter((c) => !isPublic(c.start, c.end));
  return resolveOverlaps(candidates).map(({ kind, label, start, end }) => ({
    kind,
    label: label ?? CREDENTIAL_LABELS[kind],
    start,
    end,
  }));
}

const moreSpecificFirst = (a: Candidate, b: Candidate): number =>
  specificity(b.kind) - specificity(a.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start;

const overlaps = (a: Candidate, b: Candidate): boolean => a.start < b.end && b.start < a.end;

/**
 * One finding per stretch of text: where candidates overlap, the most specific kind wins.
 * Candidates are grouped into runs of mutual overlap first, so a message with thousands of
 * separate findings is not compared pairwise.
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    const chosen: Candidate[] = [];
    for (const candidate of cluster.sort(moreSpecificFirst)) {
      if (!chosen.some((other) => overlaps(other, candidate))) chosen.push(candidate);
    }
    kept.push(...chosen.sort((a, b) => a.start - b.start));
    cluster = [];
  };
  for (const candidate of byStart) {
    if (candidate.start >= clusterEnd && cluster.length > 0) flush();
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.end);
  }
  flush();
  return kept;
}
