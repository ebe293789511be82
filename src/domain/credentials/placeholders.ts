/**
 * Values that sit where a secret would but are not one: placeholders, masks, references to
 * where the secret lives, code, vendors' published examples and keys that are public by
 * design. In chat these are most of what follows "password:", so they decide precision.
 */

/**
 * Published in vendors' documentation, tutorials and local emulators; they grant nothing.
 * Anything containing "example" is covered separately.
 */
const DOCUMENTED_EXAMPLES = new Set([
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  // The local storage emulator's fixed account key.
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // The TOTP secret in Google Authenticator's key-URI documentation.
  'JBSWY3DPEHPK3PXP',
  // The token every JWT tutorial shows.
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** Words people and docs put in place of a secret, compared lower-cased and without separators. */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'changethis', 'password', 'passwd', 'passphrase', 'pass', 'pwd',
  'secret', 'secrets', 'token', 'apikey', 'key', 'credentials', 'placeholder', 'redacted',
  'removed', 'hidden', 'masked', 'censored', 'dummy', 'fake', 'sample', 'test', 'testing',
  'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'empty',
  'blank', 'foo', 'bar', 'foobar', 'baz', 'string', 'str', 'int', 'integer', 'number',
  'bool', 'boolean', 'any', 'object', 'secretstr', 'bytes', 'required', 'optional',
  'mypassword', 'yourpassword', 'newpassword', 'oldpassword', 'userpassword', 'notset',
  'unset', 'default', 'value', 'xxx', 'abc', 'same', 'unknown', 'missing', 'invalid',
  'incorrect', 'wrong', 'expired', 'rotated', 'reset', 'correct', 'encrypted', 'hashed',
  'forgotten', 'stolen', 'broken', 'lost', 'weak', 'strong', 'secure', 'private',
  // The official database image's default, as in `user: postgres, password: postgres`.
  'postgres',
]);

/** Keywords that, inside an identifier-shaped value, make it a name for a secret rather than one. */
const NAMING_WORDS = /pass|pwd|secret|token|key|cred|auth/i;

/** Masks and elisions: `********`, `xxxx-xxxx`, `…`, `•••`. */
const MASK = /^[*•#.…_\-\sxX]{3,}$/;

/** Wrapped in brackets the way docs mark a slot to fill in: `<password>`, `[token]`, `{key}`. */
const WRAPPED = /^(?:<[^>]*>?|\[[^\]]*\]?|\{[^}]*\}?|\([^)]*\)?)$/;

const REFERENCE_PATTERNS: readonly RegExp[] = [
  /\$\{|\$\(|\{\{|\{%|#\{[\w.:-]{1,100}\}/, // ${VAR}, $(cmd), {{ template }}, {% tag %}, #{Octopus or Ruby}
  /^\$[A-Za-z_]/, // $VAR
  /^%[A-Za-z_][\w]*%$/, // %VAR%
  /^!(?:Ref|GetAtt|Sub|vault|secret|env|include)\b/i, // YAML tags that fetch the value
  /\b(?:process\.env|os\.environ|os\.getenv|getenv|System\.getenv|ENV\[|Deno\.env|import\.meta\.env)/,
  /^(?:secrets|vault|env|ssm|op|ref\+[a-z]+|keyvault|arn):/i, // secret-store URIs, op://…
  /^projects\/[^/]{1,100}\/secrets\//, // a managed secret's resource name
];

/** `getPassword()`, `vault.read('db')`, `hash(pw)`: code computing the value, not the value. */
const CODE_CALL = /^[A-Za-z_$][\w$.]*\(.*\)?;?$/;
/** `config.db.password`, `req.body.token`: a property path. */
const PROPERTY_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
/** `auth[1]`, `row['pw']`: an index into a variable. */
const INDEXING = /^[A-Za-z_$][\w$.]{0,60}\[[^\]]{1,40}\]$/;
/** `[^&]*`, `.*`, `\d+`: a regular expression about the value, not the value. */
const REGEX_SYNTAX = /\[\^|\.\*|\.\+|\\[dwsS]|\][*+?]/;
/** `DB_PASSWORD`, `userPassword`, `your-api-key-here`: a name for the secret. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z_-]*$/;

export function isDocumentedExample(value: string): boolean {
  return DOCUMENTED_EXAMPLES.has(value) || /example/i.test(value);
}

/** True for values that stand in for a secret rather than being one. */
export function isPlaceholder(value: string): boolean {
  if (isDocumentedExample(value)) return true;
  if (MASK.test(value) || WRAPPED.test(value)) return true;
  const squashed = value.toLowerCase().replace(/[\s_\-.'"`]/g, '');
  if (PLACEHOLDER_WORDS.has(squashed)) return true;
  // `your-api-key`, `insert_token_here`: instructions, not values.
  if (/^(?:your|insert|enter|put|replace)[A-Za-z_-]*$/i.test(value)) return true;
  return IDENTIFIER.test(value) && /here$/i.test(value);
}

/**
 * Shell and template variables only. Where a value cannot be code (a URL's password, a
 * command-line flag), `Maple.Tree9` is a password, not a property path.
 */
export function isVariable(value: string): boolean {
  return /^\$[A-Za-z_{(]|\$\{|\$\(|\{\{|^%[A-Za-z_]\w*%$|^%\([A-Za-z_]\w*\)s$/.test(value);
}

/** True for values that point at where the secret is kept, or compute it. */
export function isReference(value: string): boolean {
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(value))) return true;
  if (CODE_CALL.test(value) || PROPERTY_PATH.test(value) || INDEXING.test(value)) return true;
  if (REGEX_SYNTAX.test(value)) return true;
  // An identifier that names a credential but carries no digits is a variable, not a value;
  // with digits ("Password123") it is more likely someone's weak password.
  return IDENTIFIER.test(value) && NAMING_WORDS.test(value);
}
