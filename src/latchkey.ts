/**
 * Wires one running Latchkey: Slack identity, the Bolt app, the use cases' dependencies
 * and the listeners. main.ts and the integration tests both build the bot through here.
 */
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { ConfigError, type Config } from './config/env.js';
import { defineJobs, scheduleRecurring } from '../jobs/definitions.js';
import { agendaScheduler, createAgenda, releaseJobLocks } from '../jobs/scheduler.js';
import { checkRevokerSecrets, createRevokers } from './revokers/index.js';
import { createDigestSource } from './store/digest-source.js';
import { liveCatalog } from './config/live-catalog.js';
import { createGrantStore } from './store/grant-store.js';
import { createEffectQueue } from './store/effect-queue.js';
import { readInstallationId } from './store/installation.js';
import { createEffectRunner, type EffectRunner } from '../jobs/effect-runner.js';
import { oncePerEvent, trackInflight } from './slack/middleware.js';
import { joinWatchedChannels } from './slack/join-channels.js';
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
import { logSlackRequests } from './slack/request-log.js';
import { slackError } from './slack/slack-error.js';
import { createNotifier } from './slack/notifier.js';
import { createFingerprint, fingerprintKey } from './security/fingerprint.js';
import type { Database } from './store/database.js';
import { readMeasurements } from './store/measurements.js';
import { createMetrics } from './metrics/metrics.js';
import { countingGrants, countingRevokers, countingStore, timedDrafter } from './metrics/outcomes.js';
import { countingFetch } from './metrics/slack-api.js';
import { timeJobs } from './metrics/jobs.js';
import { createMessageRefs } from './store/message-refs.js';
import { createPacketStore } from './store/packet-store.js';
import { packetFigures } from './operations/packet-figures.js';
import { createPacketNotifier } from './slack/packet-notifier.js';
import { createRequestStore } from './store/request-store.js';
import { withAuditLines, withDelegationAuditLines, withGrantAuditLines, withPacketAuditLines } from './store/audit-log-lines.js';
import { createAuditTrail } from './store/audit-trail.js';
import { createHomeSource } from './store/home-queries.js';
import { createDelegationStore } from './store/delegation-store.js';
import { createDecisionTimes } from './store/decision-times.js';
import { createHomePublisher } from './slack/home-publisher.js';
import { buildHome } from './operations/build-home.js';
import { buildHomeView } from '../blocks/home.js';

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
  /**
   * How long `/readyz` answers 503 before the server stops taking traffic, so a load
   * balancer can stop sending first; tests make it short.
   */
  stopGraceMs?: number;
  /** Job and effect timing; tests make it fast. */
  jobs?: { processEveryMs?: number; effectsEveryMs?: number; retry?: RetryPolicy };
}

/** Six attempts, 30 s apart at first and doubling (with jitter): about a quarter of an hour in all. */
const EFFECT_RETRY: RetryPolicy = { retryMs: 30_000, maxAttempts: 6 };

export interface Latchkey {
  app: App;
  deps: Deps;
  /** Resolves once every listener has finished the work it does after acknowledging, and waiting Home publishes are done. */
  settled(): Promise<void>;
  /** Starts taking Slack traffic; resolves with the HTTP port actually bound. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
  /** Puts an already validated catalog in use for all new work (SIGHUP; see reload-catalog.ts). */
  replaceCatalog(next: Catalog): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const STOP_JOBS_WITHIN_MS = 10_000;
const STOP_GRACE_MS = 1_000;

export async function createLatchkey(options: LatchkeyOptions): Promise<Latchkey> {
  const { config, database, log } = options;
  const live = liveCatalog(options.catalog);
  const catalog = live.catalog;
  const metrics = createMetrics(() => readMeasurements(database.pool, (options.clock ?? systemClock).now()), () => packetFigures(deps));
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    // A few quick retries; beyond them the outbox retries the whole effect, with backoff,
    // so that no call outlives the lease its effect is held under.
    retryConfig: { retries: 2, factor: 2 },
    logger: boltLogger(log),
    fetch: countingFetch(metrics),
    ...options.clientOptions,
  };
  const { identity, org } = await identify(config.slack.botToken, clientOptions);
  let draining = false;
  const routes = {
    ready: async () => !draining && (await database.pool.query('select 1')).rowCount === 1,
    metrics: () => metrics.scrape(),
    metricsToken: config.metricsToken,
  };
  const { app, answers } = createSlackApp({ config, identity, log, clientOptions, routes });
  const directory = createDirectory(app.client);
  const messages = createMessageRefs(database.pool);
  const secretProblems = checkRevokerSecrets(catalog, options.secrets ?? {});
  if (secretProblems.length > 0) throw new ConfigError(secretProblems);
  // Polling is the only way on embedded PGlite; on PostgreSQL notifications wake new jobs
  // up, and the poll finds recurring ones (the expiry sweep) that came due.
  const agenda = createAgenda(database, {
    processEveryMs: options.jobs?.processEveryMs ?? (database.embedded ? 1000 : 2000),
    onNotificationError: (error) => log.warn({ err: error }, 'job notifications interrupted; reconnecting'),
  });
  const effectQueue = createEffectQueue(database.pool);
  let runner: EffectRunner | undefined;
  const homePublisher = createHomePublisher({ client: app.client, log, build: async (user) => buildHomeView(await buildHome(deps, user), catalog) });
  const deps: Deps = {
    catalog,
    org,
    store: withAuditLines(countingStore(createRequestStore(database.pool), metrics), log),
    notifier: createNotifier(app.client, catalog, messages, directory),
    directory,
    clock: options.clock ?? systemClock,
    log,
    credentialAlerts: createCredentialAlerts({ client: app.client, catalog, directory, log, adminUserToken: config.slack.adminUserToken }),
    fingerprint: createFingerprint(fingerprintKey(config.fingerprintKey, config.slack.botToken)),
    ...(config.openai ? { drafter: timedDrafter(createOpenAiDrafter({ ...config.openai, log, metrics }), metrics) } : {}),
    grants: withGrantAuditLines(countingGrants(createGrantStore(database.pool), metrics), log),
    effects: effectQueue,
    waitingClicks: new Map(),
    runEffects: (requestId) => runner?.runFor(requestId) ?? Promise.resolve(),
    revokers: countingRevokers(createRevokers({
      client: app.client,
      database,
      installationId: await readInstallationId(database.pool),
      catalog,
      directory,
      record: (ref) => messages.record(ref),
      secrets: options.secrets ?? {},
    }), metrics),
    scheduler: agendaScheduler(agenda),
    retry: options.jobs?.retry ?? EFFECT_RETRY,
    // Built per read, so the digest's day follows the time zone of a reloaded catalog.
    digests: { read: (...args) => createDigestSource(database.pool, catalog.settings.timezone).read(...args) },
    homes: createHomeSource(database.pool),
    homePublisher,
    delegations: withDelegationAuditLines(createDelegationStore(database.pool), log),
    decisionTimes: createDecisionTimes(database.pool),
    packets: withPacketAuditLines(createPacketStore(database.pool), log),
    packetNotifier: createPacketNotifier(app.client, catalog, messages, log),
    auditTrail: createAuditTrail(database.pool),
  };
  runner = createEffectRunner(deps, { pollMs: options.jobs?.effectsEveryMs ?? (database.embedded ? 250 : 500), metrics });
  app.use(logSlackRequests(log, metrics));
  const inflight = trackInflight(app);
  app.use(oncePerEvent(database.pool, deps.clock));
  registerListeners(app, { deps, log, answers });
  defineJobs(agenda, deps);
  timeJobs(agenda, metrics);
  agenda.on('error', (error) => log.error({ err: error }, 'job runner error'));
  agenda.on('fail', (error, job) => log.warn({ err: error, job: job.attrs.name }, 'job failed'));
  return {
    app,
    deps,
    // Homes waiting on their debounce are published now: they are work owed too.
    settled: async () => {
      await inflight.settled();
      await homePublisher.flush();
    },
    async start() {
      // A database this process owns alone (an embedded one, under its lock file): whatever
      // is claimed there was claimed by a process that died, so there is no lease to wait out.
      if (database.exclusive) await Promise.all([effectQueue.releaseLeases(), releaseJobLocks(database)]);
      runner!.start();
      await agenda.start();
      await scheduleRecurring(agenda, catalog.settings);
      const resumed = await resumeRouting(deps);
      if (resumed > 0) log.info({ resumed }, 'routed requests left unrouted by the last run');
      await joinWatchedChannels(app.client, catalog, log);
      const server = (await app.start(config.port)) as { address?: () => AddressInfo | string | null } | undefined;
      const address = server?.address?.();
      return typeof address === 'object' && address ? address.port : undefined;
    },
    // Readiness first, so a load balancer stops sending; then Slack, so no new work
    // arrives; then the work under way finishes, for a while. Whatever is cut short is
    // still in the outbox or the job table, and the next start carries it out.
    async stop() {
      draining = true;
      await new Promise((done) => setTimeout(done, options.stopGraceMs ?? STOP_GRACE_MS));
      await app.stop();
      await inflight.settled();
      await runner!.stop();
      await homePublisher.stop();
      await agenda.drain(STOP_JOBS_WITHIN_MS);
    },
    // The digest's schedule and the watched channels are the catalog's too.
    async replaceCatalog(next) {
      live.replace(next);
      await scheduleRecurring(agenda, next.settings);
      await joinWatchedChannels(app.client, next, log);
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
