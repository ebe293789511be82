/**
 * Judges the value found after "password:" or "api_key =". In chat most such values are
 * not secrets ("password: expired", "token: see vault", "password = getPassword()"), so
 * a value must look chosen or generated, not like a word of the sentence around it.
 */
import { charClasses, classCount, hasLetterAndDigit, shannonEntropy } from './entropy.js';
import { isPlaceholder, isReference } from './placeholders.js';
import { isPublicValue } from './public-by-design.js';

/**
 * How the value was introduced: `:`/`=` assigns it; "is"/"to" may start ordinary prose;
 * `adjacent` means nothing but a space, as in "(password Lx9!qT4z)".
 */
export type Connection = 'assign' | 'prose' | 'adjacent';

export interface ValueContext {
  connection: Connection;
  /** Written inside quotes or backticks: someone set the value apart on purpose. */
  quoted: boolean;
  /** Another word follows on the same line, as in "password: stored in the vault". */
  followedByWords: boolean;
}

/** Fewer characters than this cannot be told apart from an ordinary word or number. */
const MIN_PASSWORD_LENGTH = 6;
const MIN_SECRET_LENGTH = 12;
/** Below this, repetition dominates (`aaaaaa`, `111111`). */
const MIN_ENTROPY = 2;

/** A single word, maybe capitalised: "letmein", "Required". */
const WORD = /^[A-Z]?[a-z]+$/;
/** States rather than values: "expired", "pending", "unchanged", "disposable". */
const STATUS_WORD = /(?:ed|ing|able|ible|less|ful|ive|ous)$/i;
/** Separated words or short numbers: `prod-db-master`, `AR-1042`, `team/payments`. */
const SLUG = /^[A-Za-z]{1,20}(?:[-_./:](?:[A-Za-z]{1,20}|\d{1,4})){1,8}$/;
/** Words joined by separators, as in a name: `prod-db-master`, `in-the-vault`. */
const WORD_SLUG = /^[A-Za-z]{1,20}(?:[-_./:][A-Za-z]{1,20}){1,8}$/;
/** A compound adjective: "2FA-protected", "SSO-only", "read-only". */
const COMPOUND_STATUS = /-[a-z]{0,20}(?:ed|ing|able|ible|less|ful|ive|ous|only)$/;
const PATH = /^(?:~|\.{1,2})?\/|^[A-Za-z]:\\/;
/** A value that is itself `name: value` is a run of fields, not one secret. */
const NESTED_ASSIGNMENT = /(?:pass|pwd|pw|secret|token|key)[\w-]{0,20}\s?[:=]/i;
const EMAIL = /^[^@\s]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,5}$/;

function isCommonShape(value: string): boolean {
  return (
    value.includes('://') || PATH.test(value) || EMAIL.test(value) || COMPOUND_STATUS.test(value) ||
    NESTED_ASSIGNMENT.test(value) || isPublicValue(value)
  );
}

function isDismissed(value: string): boolean {
  return isPlaceholder(value) || isReference(value) || isCommonShape(value);
}

/** True when a value after a password keyword is plausibly someone's password. */
export function isPasswordValue(value: string, context: ValueContext): boolean {
  if (value.length < MIN_PASSWORD_LENGTH || isDismissed(value)) return false;
  if (shannonEntropy(value) < MIN_ENTROPY) return false;
  if (context.connection === 'adjacent') return looksStronglyChosen(value);
  if (/^\d+$/.test(value)) {
    // A PIN-like number after "password:" is a password; after "is" it is usually a count.
    return context.connection === 'assign' || value.length >= 8;
  }
  if (WORD.test(value)) {
    // A bare word is a password only when set apart: quoted, or alone at the end of a line
    // after an explicit `:`/`=`. Otherwise it is the next word of a sentence.
    if (STATUS_WORD.test(value)) return false;
    return context.quoted || (context.connection === 'assign' && !context.followedByWords);
  }
  if (context.connection === 'assign' || context.quoted) return classCount(value) >= 2;
  return looksChosenInProse(value);
}

/**
 * After "is" or "to" the next token is usually prose, so require what words lack: digits
 * mixed with letters, or a symbol that is not punctuation ("P@ss", "Tr0ub4dor&3").
 */
function looksChosenInProse(value: string): boolean {
  if (WORD_SLUG.test(value)) return false;
  if (hasLetterAndDigit(value)) return true;
  const letters = /[A-Za-z]/.test(value);
  return letters && /[^A-Za-z0-9'’.,\-]/.test(value);
}

/** Without a connector the value must carry its own evidence: letters, digits and more. */
function looksStronglyChosen(value: string): boolean {
  return value.length >= 8 && hasLetterAndDigit(value) && classCount(value) >= 3 && !WORD_SLUG.test(value);
}

/** True when a value after an API-key, token or secret keyword looks generated. */
export function isSecretValue(value: string, context: ValueContext): boolean {
  if (context.connection === 'adjacent') return false;
  if (value.length < MIN_SECRET_LENGTH || isDismissed(value) || SLUG.test(value)) return false;
  const entropy = shannonEntropy(value);
  if (hasLetterAndDigit(value)) return entropy >= 3;
  // Letters only: long random strings score high; joined English words score lower.
  const c = charClasses(value);
  if (!c.digit && (c.lower || c.upper)) return value.length >= 24 && entropy >= 4;
  return context.quoted && entropy >= 3.5;
}
