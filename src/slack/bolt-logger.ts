/**
 * Lets Bolt, the Web API client and Socket Mode log through pino, so every line is JSON.
 * Their lines are strings built with whatever they were handling, so field redaction
 * cannot reach inside them: at debug and trace (where they write whole payloads, pasted
 * credentials included) only the words before the data are kept, and at every level
 * anything shaped like a Slack token is masked.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logging.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

const TOKEN = /\b(xox[abprs]|xapp)-[A-Za-z0-9-]+/g;
/** Where data begins in a line such as `http request body: {…}` or `apiCall('chat.postMessage') start`. */
const DATA = /[:{[("'=<\n]/;
/** A Web API method named in the line, as the client writes it: `apiCall('chat.postMessage')` or a `/api/` URL. */
const METHOD = /(?:apiCall\('|\/api\/)([A-Za-z0-9.]{1,64})/;

/** Masks every Slack token in a line. */
export const scrubTokens = (line: string): string => line.replace(TOKEN, '$1-[redacted]');

/** A debug line reduced to its leading words and the Web API method it names, if any. */
export function summarise(parts: unknown[]): { msg: string; method?: string; omitted?: true } {
  const first = typeof parts[0] === 'string' ? parts[0] : '';
  const cut = first.search(DATA);
  const msg = (cut === -1 ? first : first.slice(0, cut)).trim() || 'detail';
  const method = METHOD.exec(first)?.[1];
  const omitted = cut !== -1 || parts.length > 1 || typeof parts[0] !== 'string';
  return { msg, ...(method ? { method } : {}), ...(omitted ? { omitted: true as const } : {}) };
}

/** A line at info and above: the words as given, an error by its message, tokens masked. */
function plain(parts: unknown[]): string {
  const text = parts.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' ');
  return scrubTokens(text);
}

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const write = (level: Level) => (...parts: unknown[]) => {
    if (!child.isLevelEnabled(level)) return;
    if (level !== 'debug') return child[level](plain(parts));
    const { msg, ...fields } = summarise(parts);
    child.debug(fields, scrubTokens(msg));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}
