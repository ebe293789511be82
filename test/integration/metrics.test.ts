/**
 * Contract: `/metrics` is Prometheus text that a stock parser reads, and its series move
 * with real work: a submission and an approval time two Slack requests and count one
 * decision, one grant and one provisioning; a receiver that keeps failing counts revoker
 * errors and shows a failed revocation; a waiting request shows its age; a Slack error is
 * counted by method and code, a 429 as `ratelimited`; advisor calls by outcome, with tokens. With METRICS_TOKEN set, a scrape
 * without the bearer token is refused. Every shipped alert rule is valid PromQL over series
 * that `/metrics` exposes.
 */
import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { LogLevel, WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION } from '../../blocks/ids.js';
import { createOpenAiDrafter } from '../../src/drafting/openai-drafter.js';
import { createLogger } from '../../src/logging.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { timedDrafter } from '../../src/metrics/outcomes.js';
import { countingFetch } from '../../src/metrics/slack-api.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, requestSubmission, type RequestFields } from '../helpers/payloads.js';
import { parseMetrics, scrape, valueOf } from '../helpers/prometheus.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'webhook-secret-for-metrics-tests-7c1d9e0f';
const LLM = 'https://llm.metrics.test';
const TOKEN = 'metrics-token-for-tests-5a8b2c';
const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let h: Harness;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const yaml = TEST_CATALOG_YAML.replace(
    '    owners: [U0OWNER1, U0OWNER2]\n',
    `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`,
  );
  h = await startHarness({ catalog: testCatalog(yaml), env: { HOOK_SECRET: SECRET } });
});
beforeEach(async () => {
  await h.reset();
  receiver.answer(200);
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

async function submit(): Promise<void> {
  await h.interact(requestSubmission('U0REQ1', viewer));
  await h.settled();
}

async function approve(): Promise<void> {
  await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
  await h.settled();
  await h.effectsDone();
}

/** How much each series moved while `work` ran. */
async function delta(work: () => Promise<void>): Promise<(name: string, labels?: Record<string, string>) => number> {
  const before = await scrape(h.url);
  await work();
  const after = await scrape(h.url);
  return (name, labels) => valueOf(after, name, labels) - valueOf(before, name, labels);
}

describe('counters and histograms', () => {
  it('when a request is submitted and approved, then two Slack requests are timed and one decision, grant and provisioning counted', async () => {
    const moved = await delta(async () => {
      await submit();
      await approve();
    });

    expect(moved('latchkey_slack_request_duration_seconds_count', { kind: 'view_submission', outcome: 'ok' })).toBe(1);
    expect(moved('latchkey_slack_request_duration_seconds_count', { kind: 'block_actions', outcome: 'ok' })).toBe(1);
    expect(moved('latchkey_decisions_total', { outcome: 'approved' })).toBe(1);
    expect(moved('latchkey_decisions_total', { outcome: 'denied' })).toBe(0);
    expect(moved('latchkey_grant_changes_total', { outcome: 'created' })).toBe(1);
    expect(moved('latchkey_grant_changes_total', { outcome: 'activated' })).toBe(1);
    expect(moved('latchkey_provisioning_total', { revoker: 'webhook', outcome: 'granted' })).toBe(1);
    expect(moved('latchkey_effect_duration_seconds_count', { kind: 'provision', outcome: 'done' })).toBe(1);
  });

  it('when the receiver keeps failing at expiry, then each attempt counts as a revoker error and the failed revocation shows', async () => {
    await submit();
    await approve();
    receiver.answer(500);

    const moved = await delta(async () => {
      await h.expireGrants();
      await expect.poll(async () => (await h.db.pool.query('select status from grants')).rows[0]?.status, { timeout: 10_000 }).toBe('revocation_failed');
      await h.effectsDone();
    });

    expect(moved('latchkey_revocations_total', { revoker: 'webhook', outcome: 'error' })).toBe(3);
    expect(moved('latchkey_grant_changes_total', { outcome: 'revocation_failed' })).toBe(1);
    expect(moved('latchkey_job_duration_seconds_count', { job: 'expire-due-grants', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    const now = await scrape(h.url);
    expect(valueOf(now, 'latchkey_grants', { status: 'revocation_failed', privileged: 'false' })).toBe(1);
    expect(valueOf(now, 'latchkey_grants', { status: 'active' })).toBe(0);
  });

  it('when Slack refuses a call, then it is counted by method and error code', async () => {
    h.slack.fail('chat.postMessage', 'channel_not_found');
    const moved = await delta(async () => {
      await submit();
      await h.effectsDone();
    });
    expect(moved('latchkey_slack_api_errors_total', { method: 'chat.postMessage', error: 'channel_not_found' })).toBeGreaterThanOrEqual(1);
  });

  it('when Slack answers 429, then the error counter says ratelimited for that method', async () => {
    const metrics = detachedMetrics();
    const api = nock('https://slack.metrics.test').post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '0' });
    const client = new WebClient('xoxb-metrics', { slackApiUrl: 'https://slack.metrics.test/api/', fetch: countingFetch(metrics), retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });

    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'hello' })).rejects.toThrow();

    expect(api.isDone()).toBe(true);
    const families = parseMetrics((await metrics.scrape()).text);
    expect(valueOf(families, 'latchkey_slack_api_errors_total', { method: 'chat.postMessage', error: 'ratelimited' })).toBe(1);
  });

  it('when the advisor answers and then fails, then calls are timed by outcome and the tokens of the answer counted', async () => {
    const metrics = detachedMetrics();
    const drafter = timedDrafter(createOpenAiDrafter({ apiKey: 'sk-test', baseUrl: `${LLM}/v1`, model: 'test-model', timeoutMs: 1500, log: createLogger('silent'), metrics }), metrics);
    const [billing] = testCatalog().systems;
    const policy = { roleId: 'viewer', durationMinutes: 1440, reasons: [], flags: [], collection: 'sso_group' as const };
    const ask = () => drafter.propose({ system: billing!, purpose: 'Invoices for the close', asked: { roleId: 'viewer', durationMinutes: 1440 }, policy });
    const answer = { role_id: 'viewer', duration_minutes: 60, rationale: 'An hour is enough.', flags: [] };
    nock(LLM)
      .post('/v1/chat/completions')
      .reply(200, { id: 'c1', object: 'chat.completion', created: 1, model: 'test-model', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer), refusal: null } }], usage: { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 } })
      .post('/v1/chat/completions')
      .times(2) // the client retries a 500 once
      .reply(500, { error: { message: 'down' } });

    expect(await ask()).toHaveProperty('advice');
    expect(await ask()).toEqual({ failure: 'http_500' });

    const families = parseMetrics((await metrics.scrape()).text);
    expect(valueOf(families, 'latchkey_drafter_duration_seconds_count', { outcome: 'advised' })).toBe(1);
    expect(valueOf(families, 'latchkey_drafter_duration_seconds_count', { outcome: 'http_500' })).toBe(1);
    expect(valueOf(families, 'latchkey_drafter_tokens_total', { direction: 'prompt' })).toBe(321);
    expect(valueOf(families, 'latchkey_drafter_tokens_total', { direction: 'completion' })).toBe(45);
  });
});

describe('gauges read from the database', () => {
  it('when a request has waited two hours for its approver, then the oldest blocker is two hours old and it counts as pending', async () => {
    const submitted = new Date(Date.now() - 2 * 3600_000);
    h.clock.setTo(submitted);
    await submit();
    h.clock.useRealTime();

    const families = await scrape(h.url);
    expect(valueOf(families, 'latchkey_oldest_blocker_seconds')).toBeGreaterThanOrEqual(7200);
    expect(valueOf(families, 'latchkey_oldest_blocker_seconds')).toBeLessThan(7260);
    expect(valueOf(families, 'latchkey_requests', { status: 'pending' })).toBe(1);
  });

  it('when nothing waits, then the oldest blocker is 0 and the process metrics are there', async () => {
    const families = await scrape(h.url);
    expect(valueOf(families, 'latchkey_oldest_blocker_seconds')).toBe(0);
    expect(valueOf(families, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
});

describe('METRICS_TOKEN', () => {
  let guarded: Harness;
  beforeAll(async () => {
    guarded = await startHarness({ shared: h, env: { HOOK_SECRET: SECRET, METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => guarded.close());

  it.each([
    ['no authorization header', {}],
    ['another token', { authorization: `Bearer ${TOKEN}x` }],
    ['the token without the Bearer scheme', { authorization: TOKEN }],
  ])('when a scrape has %s, then it is refused with 401 and no metrics', async (_case, headers) => {
    const response = await fetch(guarded.url.replace('/slack/events', '/metrics'), { headers });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
  });

  it('when a scrape has the bearer token, then it is answered; the open app beside it in this process keeps its own registry', async () => {
    expect(valueOf(await scrape(guarded.url, TOKEN), 'latchkey_oldest_blocker_seconds')).toBe(0);
    expect(valueOf(await scrape(h.url), 'latchkey_oldest_blocker_seconds')).toBe(0);
  });
});

describe('the shipped alert rules', () => {
  const rules: { alert: string; expr: string }[] = parse(readFileSync(new URL('../../deploy/prometheus/alerts.yml', import.meta.url), 'utf8'))
    .groups.flatMap((group: { rules: unknown[] }) => group.rules);

  it('covers a failed revocation, a blocker over a day and unsafe credential attempts', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(['LatchkeyRevocationFailed', 'LatchkeyBlockerOlderThanADay', 'LatchkeyUnsafeCredentialAttempts']);
  });

  it.each(rules.map((rule) => [rule.alert, rule.expr]))('%s is PromQL over series /metrics exposes', async (_alert, expr) => {
    const exposed = new Set((await scrape(h.url)).map((family) => family.name));
    const names = selectorNames(expr);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(exposed, name).toContain(name);
  });
});

/** Metrics of no running app, over an empty database. */
function detachedMetrics() {
  return createMetrics(async () => ({ credentialAttempts: [], requests: [], effects: [], oldestPendingEffectSeconds: 0, oldestBlockerSeconds: 0, grants: [] }));
}

/** The metric names an expression selects; throws when it is not valid PromQL. */
function selectorNames(expr: string): string[] {
  const names: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) throw new Error(`not PromQL: ${expr}`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(expr.slice(node.from, node.to));
    },
  });
  return names;
}
