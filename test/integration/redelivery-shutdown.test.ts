/**
 * Contract: Slack's redelivery of an event (`X-Slack-Retry-Num`, the same `event_id`) is
 * handled once; a redelivery of an event never seen is handled. On shutdown, readiness
 * fails first, and work already acknowledged still finishes.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startHarness, SIGNING_SECRET, type Harness } from '../helpers/harness.js';
import { messageEvent } from '../helpers/payloads.js';
import { sendSigned } from '../helpers/signed-request.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const attempts = async () => (await h.db.pool.query(`select count(*)::int as n from audit_events where action = 'credential.refused'`)).rows[0].n;
const deliver = (envelope: object, retry?: number) =>
  sendSigned(h.url, SIGNING_SECRET, JSON.stringify(envelope), 'application/json', undefined, retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {});

it('when Slack redelivers an event already handled, then it is handled once', async () => {
  const envelope = messageEvent({ user: 'U0REQ2', text: `token ${TOKEN}`, ts: '1700000200.000100' }, 'Ev0REDELIVER');
  await deliver(envelope);
  await h.settled();
  await deliver(envelope, 1);
  await deliver(envelope, 2);
  await h.settled();

  expect(await attempts()).toBe(1);
  expect(h.slack.called('chat.postEphemeral')).toHaveLength(1);
});

it('when the first delivery never arrived, then the redelivery is handled', async () => {
  await deliver(messageEvent({ user: 'U0REQ2', text: `token ${TOKEN}`, ts: '1700000300.000100' }, 'Ev0LATE'), 1);
  await h.settled();
  expect(await attempts()).toBe(1);
});

it('when the bot is stopping, then /readyz answers 503 before the server stops taking traffic', async () => {
  const stopping = await startHarness({ shared: h, stopGraceMs: 1_000 });
  const ready = () => fetch(stopping.url.replace('/slack/events', '/readyz')).then((res) => res.status, () => 'closed');
  expect(await ready()).toBe(200);
  const stopped = stopping.latchkey.stop();
  expect(await ready()).toBe(503);
  await stopped;
  expect(await ready()).toBe('closed');
});
