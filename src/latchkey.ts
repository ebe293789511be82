/**
 * Wires one running Latchkey: Slack identity, the Bolt app, the use cases' dependencies
 * and the listeners. main.ts and the integration tests both build the bot through here.
 */
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { ConfigError, type Config } from './config/env.js';
import { defineJobs, scheduleRecurring } from '../jobs/definitions.js';
import { agendaScheduler, createAgenda } from '../jobs/scheduler.js';
import { checkRevokerSecrets, createRevokers } from './revokers/index.js';
import { createDigestSource } from './store/digest-source.js';
import { createGrantStore } from './store/grant-store.js';
import { createOpenAiDrafter } from './drafting/openai-drafter.js';
import type { Catalog, Organisation } from './domain/types.js';
import type { Logger } from './logging.js';
import type { Clock, Deps, RetryPolicy } from './operations/ports.js';
import { resumeRouting } from './operations/route-current-step.js';
import { createSlackApp, type Identity } from './slack/app.js';
import { boltLogger } from './slack/bolt-logger.js';
import { createCredentialAlerts } from './slack/credential-alerts.js';
import { createDirectory } from './slack/directory.js';
import { registerListeners } from './slack/listeners/index.js';
import { slackError } from './slack/slack-error.js';
import { createNotifier } from './slack/notifier.js';
import { createFingerprint, fingerprintKey } from './security/fingerprint.js';
import type { Database } from './store/database.js';
import { readMeasurements } from './store/measurements.js';
import { createMessageRefs } from './store/message-refs.js';
import { createRequestStore } from './store/request-store.js';

export interface LatchkeyOptions {
  config: Config;
  catalog: Catalog;
  database: Database;
  log: Logger;
  clock?: Clock;
  /** Web API client settings; tests turn retries off. */
  clientOptions?: Partial<WebClientOptions>;
  /** Environment values by name: where webhook revokers find their `secret_env`. */
  secrets?: Record<string, string | undefined>;
  /** Job timing; tests make it fast. */
  jobs?: { processEveryMs?: number; retry?: RetryPolicy };
}

/** Five attempts, a minute apart at first and doubling: about a quarter of an hour in all. */
const REVOCATION_RETRY: RetryPolicy = { revocationRetryMs: 60_000, maxRevocationAttempts: 5 };

export interface Latchkey {
  app: App;
  deps: Deps;
  /** Starts taking Slack traffic; resolves with the HTTP port actually bound. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const STOP_JOBS_WITHIN_MS = 10_000;

export async function createLatchkey(options: LatchkeyOptions): Promise<Latchkey> {
  const { config, catalog, database, log } = options;
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    // Five retries in about five minutes: a notification that cannot go out by then is
    // logged, not retried for the client's default half hour.
    retryConfig: { retries: 5, factor: 3.86 },
    logger: boltLogger(log),
    ...options.clientOptions,
  };
  const { identity, org } = await identify(config.slack.botToken, clientOptions);
  const routes = {
    ready: async () => (await database.pool.query('select 1')).rowCount === 1,
    measurements: () => readMeasurements(database.pool),
  };
  const app = createSlackApp({ config, identity, log, clientOptions, routes });
  const directory = createDirectory(app.client);
  const messages = createMessageRefs(database.pool);
  const secretProblems = checkRevokerSecrets(catalog, options.secrets ?? {});
  if (secretProblems.length > 0) throw new ConfigError(secretProblems);
  // Polling is the only way on embedded PGlite; on PostgreSQL notifications wake jobs up.
  const agenda = createAgenda(database, {
    processEveryMs: options.jobs?.processEveryMs ?? (database.embedded ? 1000 : 10_000),
    onNotificationError: (error) => log.warn({ err: error }, 'job notifications interrupted; reconnecting'),
  });
  const deps: Deps = {
    catalog,
    org,
    store: createRequestStore(database.pool),
    notifier: createNotifier(app.client, catalog, messages, directory),
    directory,
    clock: options.clock ?? systemClock,
    log,
    credentialAlerts: createCredentialAlerts({ client: app.client, catalog, directory, log, adminUserToken: config.slack.adminUserToken }),
    fingerprint: createFingerprint(fingerprintKey(config.fingerprintKey, config.slack.botToken)),
    ...(config.openai ? { drafter: createOpenAiDrafter({ ...config.openai, log }) } : {}),
    grants: createGrantStore(database.pool),
    revokers: createRevokers({
      client: app.client,
      catalog,
      directory,
      record: (ref) => messages.record({ ...ref, kind: 'deprovision_task' }),
      secrets: options.secrets ?? {},
    }),
    scheduler: agendaScheduler(agenda),
    retry: options.jobs?.retry ?? REVOCATION_RETRY,
    digests: createDigestSource(database.pool, catalog.settings.timezone),
  };
  registerListeners(app, { deps, log });
  defineJobs(agenda, deps);
  agenda.on('error', (error) => log.error({ err: error }, 'job runner error'));
  agenda.on('fail', (error, job) => log.warn({ err: error, job: job.attrs.name }, 'job failed'));
  return {
    app,
    deps,
    async start() {
      await agenda.start();
      await scheduleRecurring(agenda, catalog.settings);
      const resumed = await resumeRouting(deps);
      if (resumed > 0) log.info({ resumed }, 'routed requests left unrouted by the last run');
      const server = (await app.start(config.port)) as { address?: () => AddressInfo | string | null } | undefined;
      const address = server?.address?.();
      return typeof address === 'object' && address ? address.port : undefined;
    },
    // Slack first, so no new work arrives; then running jobs may finish, for a while.
    async stop() {
      await app.stop();
      await agenda.drain(STOP_JOBS_WITHIN_MS);
    },
  };
}

export class SlackAuthError extends Error {}

/** Asks Slack who this bot is, and in which organisation; a bad token fails here, clearly. */
async function identify(token: string, options: WebClientOptions): Promise<{ identity: Identity; org: Organisation }> {
  const client = new WebClient(token, { ...options, retryConfig: { retries: 2 } });
  const auth = await client.auth.test().catch((error: unknown) => {
    const code = slackError(error) ?? (error as Error).message;
    throw new SlackAuthError(`SLACK_BOT_TOKEN: Slack did not accept the token (${code})`);
  });
  return {
    identity: { botId: auth.bot_id ?? '', botUserId: auth.user_id ?? '' },
    org: { teamId: auth.team_id ?? '', ...(auth.enterprise_id ? { enterpriseId: auth.enterprise_id } : {}) },
  };
}
