/**
 * Secrets typed by hand: `password: hunter2!`, `DB_PASSWORD=…`, `"apiKey": "…"`, "the
 * password is …", "pw for the wiki: …", "changed my password to …", `--password=…`.
 * A keyword is found first, then what joins it to a value, then the value is judged.
 * Every step reads a bounded window after the keyword, so the cost is linear in the text.
 */
import type { Candidate, Scanner } from './rules.js';
import { MAX_VALUE, readValue } from './value-reader.js';
import { isPasswordValue, isSecretValue, type Connection } from './values.js';

/** Longer spellings first: alternation takes the first that matches at a position. */
const KEYWORD =
  /requirepass|masterauth|password|passwd|passphrase|passcode|pword|pass|pwd|pw|credentials|creds|secret[_ -]?key|secret|api[_ -]?key|access[_ -]?key|private[_ -]?key|signing[_ -]?key|encryption[_ -]?key|master[_ -]?key|auth[_ -]?key|license[_ -]?key|token/gi;

const ANCHORS = ['pass', 'pw', 'cred', 'secret', 'key', 'token'];

/** The closing quote of a JSON or YAML key (or `']` of an index), and a qualifier such as "(prod)". */
const KEY_CLOSE = /["'`]?\]?(?:\s{0,2}\([^()\n]{1,40}\))?/y;
/**
 * The name and its value as separate arguments or fields: `define('DB_PASSWORD', '…')`,
 * `<add key="ApiSecret" value="…"/>`, `{"name": "DB_PASSWORD", "value": "…"}` and the YAML
 * `- name: DB_PASSWORD` / `value: …` of a container's env. Only after a quoted name (or a
 * YAML name), and only a quoted value for the argument form, so `("password", required)`
 * stays a call.
 */
const QUOTED_NAME_VALUE = /\s{0,2},\s{0,3}["']value["']\s{0,2}:\s{0,2}|\s{1,3}value\s{0,2}=\s{0,2}|\s{0,2},\s{0,3}(?=["'`])/y;
const YAML_NAME_VALUE = /[ \t]{0,3}\r?\n[ \t]{0,12}value:[ \t]{1,3}/y;
/** `setPassword("…")`, `.password('…')`: a setter called with a literal. */
const SETTER_CALL = /\(\s{0,2}(?=["'`])/y;
const ASSIGN = /\s{0,3}(?::=|=>|->|→|:(?![:/\\])|=(?![=~>]))|\s{1,3}[-–—](?=\s)/y;
const PROSE =
  /\s{1,3}(?:(?:(?:is|was|has\s{1,3}been|got|will\s{1,3}be)\s{1,3})?(?:re)?(?:set|changed|updated|rotated)\s{1,3}to|(?:is|was|will\s{1,3}be|should\s{1,3}be)(?:\s{1,3}now)?(?:\s{0,3}:)?|to)(?=\s)/iy;
/** "password for the prod db is …", "pw to staging: …". Lazy and bounded to one line. */
const QUALIFIED =
  /\s{1,3}(?:for|to|of|on|at|in)\s[^\n:=]{1,60}?(?:\s(?:is|was)(?=\s)|\s{0,3}(?::(?![:/\\])|=(?![=~>])|->|=>))/iy;
/** `--password hunter2`: a command-line flag takes its value after a space. */
const FLAG_VALUE = /=|[ \t]{1,3}(?=\S)/y;
/** "(password Lx9!qT4z)", `requirepass …`: no connector at all, so only a strong value counts. */
const ADJACENT = /[ \t]{1,2}(?=\S)/y;

const isAlnum = (ch: string): boolean => /[A-Za-z0-9]/.test(ch);

/**
 * `password` and `db_password` stand alone as words. `dbPassword` and `PGPASSWORD` are glued
 * to a prefix: fine as the name in `name=value`, but in prose a glued match is usually part
 * of another word ("LastPass is…", "bypass to…"). `passwordless` is no keyword at all.
 */
type KeywordShape = 'word' | 'glued' | undefined;

function keywordShape(text: string, start: number, end: number): KeywordShape {
  const prev = text.charAt(start - 1);
  const next = text.charAt(end);
  if (/[A-Za-z0-9_]/.test(next) || (next === '-' && isAlnum(text.charAt(end + 1)))) return undefined;
  if (prev === '' || !isAlnum(prev)) return 'word';
  const keyword = text.slice(start, end);
  // "compass", "bypass", "mypw": lower-case run-ons are ordinary words; only a case change
  // (dbPassword) or an all-caps name (PGPASSWORD) marks a prefix, and never for "pass"/"pw".
  if (keyword.length <= 4 || !/[A-Z]/.test(keyword.charAt(0))) return undefined;
  const camel = /[a-z0-9]/.test(prev);
  const caps = keyword === keyword.toUpperCase() && /[A-Z0-9]/.test(prev);
  return camel || caps ? 'glued' : undefined;
}

function matchAt(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : undefined;
}

interface Connector {
  valueAt: number;
  connection: Connection;
}

/** Every way the keyword at `from` may be joined to a value, most explicit first. */
function connectors(
  text: string,
  keywordStart: number,
  from: number,
  shape: KeywordShape,
  password: boolean,
): Connector[] {
  const options: Connector[] = [];
  const keyEnd = matchAt(KEY_CLOSE, text, from) ?? from;
  if (text.slice(keywordStart - 2, keywordStart) === '--') {
    const at = matchAt(FLAG_VALUE, text, from);
    if (at !== undefined) options.push({ valueAt: at, connection: 'assign' });
  }
  // <password>value</password>; a closing tag tells it from `<password>` as a placeholder.
  if (text.charAt(keywordStart - 1) === '<' && text.charAt(from) === '>') {
    const nextTag = text.slice(from, from + MAX_VALUE + 2).indexOf('<');
    if (nextTag !== -1 && text.startsWith('</', from + nextTag)) {
      options.push({ valueAt: from + 1, connection: 'assign' });
    }
  }
  const assign = matchAt(ASSIGN, text, keyEnd);
  if (assign !== undefined) options.push({ valueAt: assign, connection: 'assign' });
  const quotedName = keyEnd > from && /["'`]/.test(text.charAt(from));
  const pair = quotedName ? matchAt(QUOTED_NAME_VALUE, text, keyEnd) : matchAt(YAML_NAME_VALUE, text, keyEnd);
  if (pair !== undefined) options.push({ valueAt: pair, connection: 'assign' });
  const setter = matchAt(SETTER_CALL, text, from);
  if (setter !== undefined) options.push({ valueAt: setter, connection: 'assign' });
  if (shape === 'glued') return options;
  const prose = matchAt(PROSE, text, keyEnd);
  if (prose !== undefined) options.push({ valueAt: prose, connection: 'prose' });
  const qualified = matchAt(QUALIFIED, text, keyEnd);
  if (qualified !== undefined) {
    const connection = /(?:is|was)$/i.test(text.slice(qualified - 3, qualified)) ? 'prose' : 'assign';
    options.push({ valueAt: qualified, connection });
  }
  const adjacent = password ? matchAt(ADJACENT, text, from) : undefined;
  if (adjacent !== undefined) options.push({ valueAt: adjacent, connection: 'adjacent' });
  return options;
}

function isPasswordKeyword(keyword: string): boolean {
  return /^(?:p(?!riv)|cred|requirepass|masterauth)/i.test(keyword);
}

export const ASSIGNMENT_SCANNER: Scanner = {
  applies: (lower) => ANCHORS.some((anchor) => lower.includes(anchor)),
  scan(text) {
    const found: Candidate[] = [];
    const keywords = new RegExp(KEYWORD.source, 'gi');
    let match: RegExpExecArray | null;
    while ((match = keywords.exec(text)) !== null) {
      const keywordEnd = match.index + match[0].length;
      const shape = keywordShape(text, match.index, keywordEnd);
      if (shape === undefined) continue;
      const password = isPasswordKeyword(match[0]);
      for (const option of connectors(text, match.index, keywordEnd, shape, password)) {
        const value = readValue(text, option.valueAt, option.connection);
        if (value === undefined) continue;
        // What follows `name=` belongs to that name, accepted or not: a keyword inside it
        // (`${DB_PASSWORD:?required}`, `password: mypassword1`) starts no new assignment.
        if (option.connection === 'assign') keywords.lastIndex = Math.max(keywords.lastIndex, value.end);
        const secret = text.slice(value.start, value.end);
        const accepted = password ? isPasswordValue(secret, value.context) : isSecretValue(secret, value.context);
        if (!accepted) continue;
        found.push({ kind: password ? 'password_assignment' : 'secret_assignment', start: value.start, end: value.end });
        break;
      }
    }
    return found;
  },
};
