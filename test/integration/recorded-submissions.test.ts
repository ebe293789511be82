/**
 * Contract: a request modal's submission passes every check before Slack is answered (a
 * refusal is shown on its field) and is recorded then; the request is stored right after,
 * under the id drawn for it. A recorded submission that a check refuses by the time it is
 * stored (the same request came from elsewhere) stores nothing, and the requester hears why;
 * one that keeps failing is given up on, and the requester is asked to try again.
 */
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { effectKey, type Effect } from '../../src/domain/effects.js';
import { asRequestId, asUserId } from '../../src/domain/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { requestSubmission, type RequestFields } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 60, purpose: 'Check INV-204' };
const requests = async () => (await h.db.pool.query<{ id: number; status: string }>('select id, status from requests order by id')).rows;

it('when a submission is acknowledged, then its request is stored under the id it was recorded with, and the recorded submission is settled', async () => {
  const res = await h.interact(requestSubmission('U0REQ1', viewer));
  expect(res.status).toBe(200);
  await h.settled();
  await h.effectsDone();

  expect(await requests()).toEqual([{ id: 1001, status: 'pending' }]);
  const { rows } = await h.db.pool.query("select request_id, status from effects where kind = 'submit_request'");
  expect(rows).toEqual([{ request_id: 1001, status: 'done' }]);
});

it('when the process has nothing else in hand, then Slack is answered once the request is stored', async () => {
  const res = await h.interact(requestSubmission('U0REQ1', viewer));

  expect(res.status).toBe(200);
  expect(await requests()).toEqual([{ id: 1001, status: 'pending' }]);
  await h.settled();
});

it('when the clock stands still, then two roles asked for at the same moment are both stored, and a role asked for again after a cancel is stored again', async () => {
  const now = vi.spyOn(h.clock, 'now').mockReturnValue(new Date('2026-06-01T09:00:00.000Z'));
  try {
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    await h.interactAndWait(requestSubmission('U0REQ1', { system: 'cms', role: 'editor', minutes: 1440, purpose: 'Fix the pricing page' }));
    await h.db.pool.query(`update requests set status = 'cancelled' where system_id = 'billing'`);
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
  } finally {
    now.mockRestore();
  }

  expect(await requests()).toEqual([{ id: 1001, status: 'cancelled' }, { id: 1002, status: 'pending' }, { id: 1003, status: 'pending' }]);
});

it('when a recorded submission meets the same request stored meanwhile, then nothing more is stored and the requester hears why by DM', async () => {
  await h.interactAndWait(requestSubmission('U0REQ1', viewer));
  const late: Effect = {
    kind: 'submit_request', requestId: asRequestId(1500), at: '2026-01-01T00:00:00.000Z', submission: 'a submission',
    input: { requesterId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'viewer', durationMinutes: 60, purpose: 'Check INV-204' },
  };
  h.slack.reset();

  await h.db.pool.query(
    `insert into effects (key, kind, request_id, payload, due_at, created_at) values ($1, 'submit_request', 1500, $2, now(), now())`,
    [effectKey(late), JSON.stringify(late)],
  );
  await h.effectsDone();

  expect(await requests()).toEqual([{ id: 1001, status: 'pending' }]);
  const dms = h.slack.called('chat.postMessage').filter((message) => message.channel === 'U0REQ1').map((message) => String(message.text));
  expect(dms).toEqual(['Your request was not submitted: You already have an open request for this role (AR-1001). `/access list` shows it.']);
});

it('when a recorded submission keeps failing to be stored, then it is given up on and the requester is asked to try again', async () => {
  const stuck: Effect = {
    kind: 'submit_request', requestId: asRequestId(1600), at: '2026-01-01T00:00:00.000Z', submission: 'a submission',
    input: { requesterId: asUserId('U0REQ2'), systemId: 'billing', roleId: 'viewer', durationMinutes: 60, purpose: 'Check INV-204' },
  };
  h.slack.fail('users.info', 'internal_error');

  await h.db.pool.query(
    `insert into effects (key, kind, request_id, payload, due_at, created_at) values ($1, 'submit_request', 1600, $2, now(), now())`,
    [effectKey(stuck), JSON.stringify(stuck)],
  );
  await h.effectsDone();

  expect(await requests()).toEqual([]);
  expect((await h.db.pool.query("select status from effects where kind = 'submit_request'")).rows).toEqual([{ status: 'failed' }]);
  const dms = h.slack.called('chat.postMessage').filter((message) => message.channel === 'U0REQ2').map((message) => String(message.text));
  expect(dms).toEqual(['Your request was not submitted: something went wrong on our side. Please try again.']);
});
