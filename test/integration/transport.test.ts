/**
 * Contract: the HTTP transport accepts only requests signed with the signing secret and
 * fresh; answers health checks; logs one line per Slack request with latency and outcome,
 * and never logs a token, the signing secret or what people typed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, SIGNING_SECRET, startHarness, type Harness } from '../helpers/harness.js';
import { requestSubmission, slashCommand } from '../helpers/payloads.js';
import { formBody, sendSigned } from '../helpers/signed-request.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const FORM = 'application/x-www-form-urlencoded';

describe('request signatures', () => {
  it.each([
    ['signed with another secret', 'not-the-secret', 0],
    ['signed six minutes ago', SIGNING_SECRET, -6 * 60],
  ])('when a command is %s, then it is refused with 401 and nothing runs', async (_case, secret, age) => {
    const timestamp = Math.floor(Date.now() / 1000) + age;
    const res = await sendSigned(h.url, secret, formBody(slashCommand('U0REQ1')), FORM, timestamp);
    await h.settled();

    expect(res.status).toBe(401);
    expect(h.slack.calls).toHaveLength(0);
  });

  it('when the body is not what Slack sends, then it is refused with 400', async () => {
    const res = await sendSigned(h.url, SIGNING_SECRET, '{not json', 'application/json');
    expect(res.status).toBe(400);
  });

  it('when a modal submission has a state of the wrong shape, then the modal shows an apology and nothing is stored', async () => {
    const payload = { type: 'view_submission', team: { id: 'T0LATCH' }, user: { id: 'U0REQ1' }, view: { callback_id: 'access_request', state: 'garbage' } };
    const res = await sendSigned(h.url, SIGNING_SECRET, formBody({ payload: JSON.stringify(payload) }), FORM);
    await h.settled();

    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ response_action: 'errors', errors: { purpose: expect.stringContaining('Something went wrong') } });
    expect((await h.db.pool.query('select * from requests')).rowCount).toBe(0);
  });

  it('when a submission names values Slack would never send, then the field says so', async () => {
    const values = { system: { system_select: { selected_option: { value: '../../etc' } } }, purpose: { purpose_input: { value: 'x' } } };
    const payload = { type: 'view_submission', team: { id: 'T0LATCH' }, user: { id: 'U0REQ1' }, view: { id: 'V1', callback_id: 'access_request', private_metadata: '{bad json', state: { values } } };
    const res = await sendSigned(h.url, SIGNING_SECRET, formBody({ payload: JSON.stringify(payload) }), FORM);

    expect(res.json()).toEqual({ response_action: 'errors', errors: { system: expect.stringContaining("isn't in the catalog") } });
  });
});

describe('health', () => {
  it.each([
    ['/healthz', { status: 'ok' }],
    ['/readyz', { status: 'ready' }],
  ])('when %s is asked, then it answers 200', async (path, body) => {
    const res = await fetch(h.url.replace('/slack/events', path));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(body);
  });
});

describe('logging', () => {
  it('when requests are handled, then each gets one line with its kind, latency and outcome', async () => {
    await h.command('U0REQ1', 'help');
    await h.settled();

    const lines = h.logs.map((line) => JSON.parse(line)).filter((line) => line.msg === 'slack request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'command', name: '/access', user: 'U0REQ1', outcome: 'ok' });
    expect(lines[0].ms).toBeGreaterThan(0);
  });

  it('when a request carries secrets and personal text, then none of it reaches the logs', async () => {
    h.slack.fail('chat.postMessage', 'channel_not_found');
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Unique purpose words 8c1f' }));
    await h.settled();

    const all = h.logs.join('\n');
    expect(all).toContain('effect failed');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'Unique purpose words 8c1f']) expect(all).not.toContain(secret);
  });
});
