/**
 * URLs carrying `user:password@`: connection strings for databases and brokers, and HTTP or
 * FTP basic auth. The span is the password alone; the host and user are not secret.
 */
import { shannonEntropy } from './entropy.js';
import { isPlaceholder, isVariable } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';

/**
 * The look-behind pins the scheme's first letter, so a run of letters is tried once. The
 * password may hold `@` (the last `@` before the host wins), `?` and `#`, but not `/`,
 * which would put us in the path and make `host:5432/db?x=a@b` look like a credential.
 */
const CREDENTIAL_URL =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,30}):\/\/([^\s:/@<>"'`|]{0,100}):([^\s/<>"'`|]{1,200})@(?=[A-Za-z0-9[])/g;

const DATA_STORE_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss',
  'amqp', 'amqps', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'couchdb',
  'couchbase', 'neo4j', 'neo4j+s', 'bolt', 'cassandra', 'memcached', 'nats', 'kafka', 'mqtt',
  'mqtts', 'stomp', 'influxdb', 'db2', 'snowflake', 'elasticsearch', 'opensearch', 'ldap',
  'ldaps',
]);

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `postgres:postgres@localhost` and `guest:guest@` are the images' defaults, not secrets. */
function isRealPassword(user: string, rawPassword: string): boolean {
  const password = safeDecode(rawPassword);
  if (password.length < 4 || password === safeDecode(user)) return false;
  // A port followed by a query (`host:8443?to=bob@x`) is not a password.
  if (/^\d{1,5}[?#]/.test(rawPassword)) return false;
  if (isPlaceholder(password) || isVariable(password)) return false;
  return shannonEntropy(password) >= 1.5;
}

export const CREDENTIAL_URL_SCANNER: Scanner = {
  applies: (_lower, text) => text.includes('://') && text.includes('@'),
  scan(text) {
    const found: Candidate[] = [];
    for (const match of text.matchAll(CREDENTIAL_URL)) {
      const [whole, scheme = '', user = '', password = ''] = match;
      if (!isRealPassword(user, password)) continue;
      const kind = DATA_STORE_SCHEMES.has(scheme.toLowerCase()) ? 'database_url' : 'basic_auth_url';
      const start = match.index + whole.length - password.length - 1;
      found.push({ kind, start, end: start + password.length });
    }
    return found;
  },
};
