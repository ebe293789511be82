/**
 * The real bot, as main.ts builds it, in HTTP mode on an ephemeral port, with a real
 * database and the fake Slack Web API. Tests talk to it only through signed requests.
 */
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { createLatchkey, type Latchkey } from '../../src/latchkey.js';
import { loadConfig } from '../../src/config/env.js';
import type { Catalog } from '../../src/domain/types.js';
import type { RetryPolicy } from '../../src/operations/ports.js';
import { createLogger } from '../../src/logging.js';
import { testCatalog } from '../fixtures/catalog.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { TestClock } from './clock.js';
import { FakeSlack } from './fake-slack.js';
import { slashCommand } from './payloads.js';
import { formBody, interactionBody, sendSigned, type SlackResponse } from './signed-request.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-bot-token';

export interface Harness {
  db: TestDatabase;
  slack: FakeSlack;
  latchkey: Latchkey;
  /** The bot's clock: real time unless a test sets it (reset() brings real time back). */
  clock: TestClock;
  url: string;
  /** Every log line the bot wrote, as JSON text. */
  logs: string[];
  command(user: string, text?: string): Promise<SlackResponse>;
  interact(payload: object): Promise<SlackResponse>;
  /** Sends an interaction, then waits for its listener and every effect it caused. */
  interactAndWait(payload: object): Promise<void>;
  /** An Events API callback, as JSON. */
  event(envelope: object): Promise<SlackResponse>;
  /** Waits until every listener has finished its work after acknowledging. */
  settled(): Promise<void>;
  /** Makes the scheduled jobs called `name` due now, and waits until they have run. */
  runJobs(name: string): Promise<void>;
  /** Moves every active grant's end into the past and runs the expiry sweep and its effects. */
  expireGrants(): Promise<void>;
  /** Waits until every effect due now has been carried out (or given up on). */
  effectsDone(): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  catalog?: Catalog;
  /** Another harness's database and fake Slack: a second process on the same data. */
  shared?: Pick<Harness, 'db' | 'slack'>;
  /** Extra environment, e.g. SLACK_ADMIN_USER_TOKEN. */
  env?: Record<string, string>;
  /** How long readiness fails before the server stops; none by default. */
  stopGraceMs?: number;
  /** How failed effects are retried; quickly (50 ms, three attempts) by default. */
  retry?: RetryPolicy;
  /** Poll for jobs and effects as the bot does, not at the tests' quick pace (for benches). */
  productionPolling?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = options.shared?.slack ?? new FakeSlack();
  const db = options.shared?.db ?? (await openTestDatabase());
  const logs: string[] = [];
  const clock = new TestClock();
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', ...options.env });
  // LOG_LEVEL in `env` sets the level, as in production; info by default.
  const log = createLogger(config.logLevel, new Writable({ write: (chunk, _enc, done) => done(void logs.push(String(chunk))) }));
  const latchkey = await createLatchkey({
    config,
    catalog: options.catalog ?? testCatalog(),
    database: db,
    log,
    clientOptions: { retryConfig: { retries: 0 } },
    secrets: options.env ?? {},
    stopGraceMs: options.stopGraceMs ?? 0,
    clock,
    jobs: {
      ...(options.productionPolling ? {} : { processEveryMs: 100, effectsEveryMs: 50 }),
      retry: options.retry ?? { retryMs: 50, maxAttempts: 3 },
    },
  });
  const url = `http://127.0.0.1:${await latchkey.start()}/slack/events`;
  const settled = () => latchkey.settled();
  const interact = (payload: object) => sendSigned(url, SIGNING_SECRET, interactionBody(payload), 'application/x-www-form-urlencoded');
  // Listeners still at work (a packet being created after Slack was answered) record effects
  // of their own: they settle first, then what they recorded is waited for.
  const effectsDone = async () => {
    await settled();
    const due = async () =>
      (await db.pool.query(`select 1 from effects where status = 'pending' and due_at <= now() + interval '2 seconds'`)).rowCount;
    await expect.poll(due, { timeout: 15_000, interval: 25 }).toBe(0);
    await settled();
  };
  const runJobs = async (name: string) => {
    await db.pool.query('update agenda_jobs set next_run_at = now() where name = $1 and next_run_at is not null', [name]);
    const pending = async () =>
      (await db.pool.query('select 1 from agenda_jobs where name = $1 and (next_run_at <= now() or locked_at is not null)', [name])).rowCount;
    await expect.poll(pending, { timeout: 10_000, interval: 50 }).toBe(0);
    await settled();
  };
  return {
    db,
    slack,
    latchkey,
    clock,
    url,
    logs,
    command: (user, text = '') => sendSigned(url, SIGNING_SECRET, formBody(slashCommand(user, text)), 'application/x-www-form-urlencoded'),
    interact,
    interactAndWait: async (payload) => {
      await interact(payload);
      await settled();
      await effectsDone();
    },
    event: (envelope) => sendSigned(url, SIGNING_SECRET, JSON.stringify(envelope), 'application/json'),
    settled,
    runJobs,
    expireGrants: async () => {
      await db.pool.query("update grants set expires_at = now() - interval '1 second' where status in ('active', 'provisioning')");
      await runJobs('expire-due-grants');
      await effectsDone();
    },
    effectsDone,
    reset: async () => {
      await settled();
      await db.reset();
      slack.reset();
      clock.useRealTime();
      logs.length = 0;
    },
    close: async () => {
      await settled();
      await latchkey.stop().catch(() => undefined); // a test may have stopped it already
      if (options.shared) return;
      await db.close();
      slack.close();
    },
  };
}
