/**
 * Secrets with no prefix of their own: a 40-character AWS secret, a 32-hex Datadog or Twilio
 * key, Azure account keys and SAS signatures. Their shapes also fit commit SHAs, checksums
 * and random ids, so each needs a vendor keyword close before it.
 */
import { charClasses, hasLetterAndDigit, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';
import type { CredentialKind } from './kinds.js';

/** How far before a value its keyword may be: a line of `.env` or a short sentence. */
const KEYWORD_WINDOW = 160;

function windowBefore(text: string, start: number): string {
  return text.slice(Math.max(0, start - KEYWORD_WINDOW), start);
}

function collect(
  text: string,
  pattern: RegExp,
  kind: CredentialKind,
  accept: (value: string, start: number) => boolean,
): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(pattern)) {
    // The value is the last group when there is one, so prefixes such as `AccountKey=` stay out.
    const value = match[match.length - 1] ?? match[0];
    const start = match.index + match[0].length - value.length;
    if (accept(value, start)) found.push({ kind, start, end: start + value.length });
  }
  return found;
}

const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const AWS_KEYWORD = /aws|secret[_ ]?access[_ ]?key/i;
/** "secret" alone also precedes Django or Flask keys; the AWS charset's `/` or `+` tells them apart. */
const SECRET_KEYWORD = /secret/i;
const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/;

/** Random base64 of 40 characters almost surely mixes all three classes and scores near 5 bits. */
function looksLikeAwsSecret(value: string): boolean {
  const c = charClasses(value);
  return c.lower && c.upper && c.digit && shannonEntropy(value) >= 4 && !isPlaceholder(value);
}

export const AWS_SECRET_SCANNER: Scanner = {
  applies: (lower) => lower.includes('aws') || lower.includes('secret') || lower.includes('akia'),
  scan(text) {
    const pairedWithKeyId = AWS_KEY_ID.test(text);
    return collect(text, AWS_SECRET, 'aws_secret_access_key', (value, start) => {
      if (!looksLikeAwsSecret(value)) return false;
      if (pairedWithKeyId) return true;
      const before = windowBefore(text, start);
      return AWS_KEYWORD.test(before) || (SECRET_KEYWORD.test(before) && /[/+]/.test(value));
    });
  },
};

const HEX_32_OR_40 = /(?<![A-Za-z0-9])[0-9a-f]{32}(?:[0-9a-f]{8})?(?![A-Za-z0-9])/g;
const HEX_32 = /(?<![A-Za-z0-9])[0-9a-f]{32}(?![A-Za-z0-9])/g;
/**
 * "datadog" alone is not enough: a dashboard link next to a commit SHA is common. The key
 * word may sit on the next line, as in YAML (`datadog:` then `  apiKey:`).
 */
const DATADOG_KEYWORD = /\bdd[_-]?(?:api|app|application)[_-]?key|datadog[\s\S]{0,60}?key/i;
const TWILIO_KEYWORD = /auth|token|secret|twilio|AC[0-9a-f]{32}/i;

const randomHex = (value: string): boolean =>
  hasLetterAndDigit(value) && shannonEntropy(value) >= 3 && !isPlaceholder(value);

export const DATADOG_SCANNER: Scanner = {
  applies: (lower) => lower.includes('datadog') || lower.includes('dd_') || lower.includes('dd-'),
  scan: (text) =>
    collect(text, HEX_32_OR_40, 'datadog_api_key', (value, start) =>
      randomHex(value) && DATADOG_KEYWORD.test(windowBefore(text, start)),
    ),
};

/** The account SID (`AC…`) is an identifier; the 32-hex auth token near it is the secret. */
export const TWILIO_AUTH_SCANNER: Scanner = {
  applies: (lower) => lower.includes('twilio'),
  scan: (text) =>
    collect(text, HEX_32, 'twilio_auth_token', (value, start) =>
      randomHex(value) && TWILIO_KEYWORD.test(windowBefore(text, start)),
    ),
};

const AZURE_KEY = /(?:AccountKey|SharedAccessKey)\s?=\s?([A-Za-z0-9+/]{40,86}={0,2})(?![A-Za-z0-9+/=])/gi;
/** The signature of a SAS URL or connection string; the other query fields are not secret. */
const AZURE_SIG = /(?<![A-Za-z0-9_])sig=([A-Za-z0-9%+/=]{30,150})(?![A-Za-z0-9%+/=])/g;

export const AZURE_KEY_SCANNER: Scanner = {
  applies: (lower) => lower.includes('accountkey') || lower.includes('sharedaccesskey'),
  scan: (text) =>
    collect(text, AZURE_KEY, 'azure_storage_key', (value) =>
      shannonEntropy(value) >= 4 && !isPlaceholder(value),
    ),
};

export const AZURE_SAS_SCANNER: Scanner = {
  applies: (lower) =>
    lower.includes('sig=') &&
    (lower.includes('sv=') || lower.includes('sharedaccesssignature') || lower.includes('.windows.net')),
  scan: (text) =>
    collect(text, AZURE_SIG, 'azure_sas_token', (value) =>
      shannonEntropy(value) >= 3.5 && !isPlaceholder(value),
    ),
};
