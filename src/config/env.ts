/**
 * The process environment, read once and checked in full: every problem is listed at
 * boot, one line each, and nothing else in the program reads process.env.
 */
import { z } from 'zod';

const schema = z
  .object({
    SLACK_BOT_TOKEN: z.string().trim().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: z.string().trim().optional(),
    SLACK_APP_TOKEN: z.string().trim().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
    SLACK_ADMIN_USER_TOKEN: z.string().trim().regex(/^xoxp-/, 'must be a user token starting with xoxp-').optional(),
    SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
    DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    CATALOG_PATH: z.string().trim().min(1).default('./catalog.yml'),
    OPENAI_API_KEY: z.string().trim().optional(),
    OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-4.1-mini'),
    OPENAI_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(120_000).default(8000),
    CREDENTIAL_FINGERPRINT_KEY: z.string().trim().min(16, 'must be at least 16 characters').optional(),
    METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every variable the bot reads; .env.example documents each one. */
export const ENV_VARIABLES = Object.keys(schema.shape);

export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    /** Set means Socket Mode. */
    appToken?: string;
    apiUrl?: string;
    /** A workspace admin's user token: lets Latchkey delete messages holding credentials. */
    adminUserToken?: string;
  };
  port: number;
  /** Unset means embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  catalogPath: string;
  /** The drafting advisor; absent without OPENAI_API_KEY, and the policy drafts alone. */
  openai?: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number };
  /** Keys credential fingerprints; unset means derived from the bot token. */
  fingerprintKey?: string;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads the environment into a frozen config, or throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  // An empty `FOO=` line in .env means "not set", so defaults and "is required" apply.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = schema.safeParse(given);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describe(issue, given));
  if (!given.SLACK_APP_TOKEN && !given.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      adminUserToken: e.SLACK_ADMIN_USER_TOKEN,
    }),
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    catalogPath: e.CATALOG_PATH,
    fingerprintKey: e.CREDENTIAL_FINGERPRINT_KEY,
    metricsToken: e.METRICS_TOKEN,
    openai: e.OPENAI_API_KEY
      ? Object.freeze({ apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS })
      : undefined,
    logLevel: e.LOG_LEVEL,
  });
}

function describe(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0]);
  const missing = issue.code === 'invalid_type' && env[name] === undefined;
  const problem = missing ? 'is required' : issue.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}` : issue.message;
  return `${name}: ${problem}`;
}
