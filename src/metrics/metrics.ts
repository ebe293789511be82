/**
 * The instruments one running Latchkey exposes on `/metrics`, in a registry of its own:
 * several apps in one process (the tests) must not share or clash over series. Counters
 * and histograms count what this process did; the gauges read the database at scrape
 * time (database-gauges.ts), so every replica reports the same numbers for them.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Measurements } from '../store/measurements.js';
import { databaseGauges } from './database-gauges.js';
import type { PacketFigures } from '../domain/packets/summary.js';
import { packetGauges } from './packet-gauges.js';

/** Quick Slack acks and slow revoker calls both fit: 5 ms up to 30 s. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type Metrics = ReturnType<typeof createMetrics>;

/** What `/metrics` answers: the exposition and its content type. */
export interface Scrape {
  contentType: string;
  text: string;
}

/** `read` gives the database's measurements, at each scrape. */
export function createMetrics(read: () => Promise<Measurements>, readPackets?: () => Promise<PacketFigures>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const gauges = databaseGauges(registry, read);
  if (readPackets) packetGauges(registry, readPackets);
  return {
    async scrape(): Promise<Scrape> {
      await gauges.refresh();
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
    slackRequests: new Histogram({
      name: 'latchkey_slack_request_duration_seconds',
      help: 'Time to handle one Slack request, acknowledgement and the work after it, by kind (command, view_submission, block_actions, event, shortcut …) and outcome (ok, error).',
      labelNames: ['kind', 'outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    slackApiErrors: new Counter({
      name: 'latchkey_slack_api_errors_total',
      help: 'Slack Web API calls that failed, by method and Slack error code (ratelimited for HTTP 429, http_<status> or network_error otherwise).',
      labelNames: ['method', 'error'] as const,
      registers,
    }),
    jobs: new Histogram({
      name: 'latchkey_job_duration_seconds',
      help: 'Scheduled job runs and how long they took, by job and outcome (ok, error); _count is the number of runs.',
      labelNames: ['job', 'outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    effects: new Histogram({
      name: 'latchkey_effect_duration_seconds',
      help: 'Attempts to carry out an effect from the outbox, by kind and outcome (done, waiting, error); _count is the number of attempts.',
      labelNames: ['kind', 'outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    decisions: new Counter({
      name: 'latchkey_decisions_total',
      help: 'Approval steps decided, by outcome (approved, approved_suggested, denied).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    grantChanges: new Counter({
      name: 'latchkey_grant_changes_total',
      help: 'Grant state changes recorded, by outcome (created, activated, extended, ending, ended, provisioning_failed, revocation_failed …).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    provisioning: new Counter({
      name: 'latchkey_provisioning_total',
      help: 'Calls to a revoker to put access in place, by revoker type and outcome (granted, task_sent, error).',
      labelNames: ['revoker', 'outcome'] as const,
      registers,
    }),
    revocations: new Counter({
      name: 'latchkey_revocations_total',
      help: 'Calls to a revoker to remove access, by revoker type and outcome (removed, task_sent, error).',
      labelNames: ['revoker', 'outcome'] as const,
      registers,
    }),
    drafter: new Histogram({
      name: 'latchkey_drafter_duration_seconds',
      help: 'Calls to the drafting advisor and how long they took, by outcome (advised, timeout, http_<status>, unreachable, refusal, invalid_output); _count is the number of calls.',
      labelNames: ['outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    drafterTokens: new Counter({
      name: 'latchkey_drafter_tokens_total',
      help: 'Tokens the drafting advisor used, by direction (prompt, completion).',
      labelNames: ['direction'] as const,
      registers,
    }),
  };
}

/** Seconds since `started` (a `performance.now()` reading). */
export const secondsSince = (started: number): number => (performance.now() - started) / 1000;
