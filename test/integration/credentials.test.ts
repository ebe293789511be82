/**
 * Contract: a credential posted anywhere Latchkey can see (messages, edits, threads, DMs,
 * file previews, its own forms) is refused: the poster is told privately what kind it is
 * and how to share access safely, security gets the kind and a fingerprint, a request
 * discussed in that thread is held, and the secret itself is never stored, logged or echoed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, BLOCK } from '../../blocks/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, denySubmission, messageEvent, requestSubmission } from '../helpers/payloads.js';

// Built at run time so that no scanner of this repository mistakes the fixtures for leaks.
const GITHUB_TOKEN = ['ghp', '_', 'R7kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoX'].join('');
const DB_PASSWORD = 'Tr0ub4dor-and-3';
const DATABASE_URL = `postgres://billing:${DB_PASSWORD}@db.internal:5432/billing`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

async function post(event: Record<string, unknown>, eventId?: string): Promise<void> {
  const res = await h.event(messageEvent(event, eventId));
  expect(res.status).toBe(200);
  await h.settled();
}

async function refusals(): Promise<{ actor: string; surface: string; kind: string; fingerprint: string }[]> {
  const { rows } = await h.db.pool.query(
    "select actor, surface, details->>'kind' as kind, details->>'fingerprint' as fingerprint from audit_events where action = 'credential.refused' order by id",
  );
  return rows;
}

/** Everything the bot wrote anywhere: logs, every table, every Slack call. */
async function everythingWritten(): Promise<string> {
  const tables = await Promise.all(
    ['requests', 'audit_events', 'slack_messages'].map(async (t) => JSON.stringify((await h.db.pool.query(`select * from ${t}`)).rows)),
  );
  return [...h.logs, ...tables, JSON.stringify(h.slack.calls), JSON.stringify(h.slack.responses)].join('\n');
}

describe('a credential posted in a channel', () => {
  it('when a person posts a token, then they are warned privately by kind, security is alerted with a fingerprint, and it is audited', async () => {
    await post({ user: 'U0REQ1', text: `here you go ${GITHUB_TOKEN}` });

    const [warning] = h.slack.called('chat.postEphemeral');
    expect(warning).toMatchObject({ channel: 'C0GENERAL', user: 'U0REQ1' });
    expect(warning?.text).toContain('That looks like a GitHub token. Please delete your message now.');
    expect(warning?.text).toContain('rotate it');
    const [alert] = h.slack.called('chat.postMessage');
    expect(alert?.channel).toBe('C0SECALERT');
    expect(alert?.text).toMatch(/<@U0REQ1> posted a GitHub token <https:\/\/latchkey-test\.slack\.com\/archives\/C0GENERAL\/p1700000100000100\|in <#C0GENERAL>>\. Fingerprints: `[0-9a-f]{8}` a GitHub token/);
    expect(await refusals()).toEqual([{ actor: 'U0REQ1', surface: 'message', kind: 'github_token', fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) }]);
    expect(h.slack.called('chat.delete')).toHaveLength(0);
  });

  it('when a database URL with a password is posted, then the password appears nowhere Latchkey writes', async () => {
    await post({ user: 'U0REQ1', text: `try <${DATABASE_URL}|the db>` });

    expect(h.slack.called('chat.postEphemeral')).toHaveLength(1);
    expect((await refusals())[0]?.kind).toBe('database_url');
    const written = await everythingWritten();
    expect(written).toContain('credential refused');
    expect(written).not.toContain(DB_PASSWORD);
  });

  it('when credentials are refused, then /metrics counts them by kind and surface', async () => {
    await post({ user: 'U0REQ1', text: GITHUB_TOKEN });
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: GITHUB_TOKEN }));

    const metrics = await (await fetch(h.url.replace('/slack/events', '/metrics'))).text();
    expect(metrics).toContain('# TYPE latchkey_unsafe_credential_attempts_total counter');
    expect(metrics).toContain('latchkey_unsafe_credential_attempts_total{kind="github_token",surface="message"} 1\n');
    expect(metrics).toContain('latchkey_unsafe_credential_attempts_total{kind="github_token",surface="modal"} 1\n');
  });

  it('when the same message is delivered twice, then it is one attempt, one warning and one alert', async () => {
    await post({ user: 'U0REQ1', text: GITHUB_TOKEN }, 'Ev0SAME');
    await post({ user: 'U0REQ1', text: GITHUB_TOKEN }, 'Ev0SAME');

    expect(await refusals()).toHaveLength(1);
    expect(h.slack.called('chat.postEphemeral')).toHaveLength(1);
    expect(h.slack.called('chat.postMessage')).toHaveLength(1);
  });

  it('when the message names a catalog system, then the warning says how that system shares access safely', async () => {
    await post({ user: 'U0REQ1', text: `billing admin login: password: ${DB_PASSWORD}` });
    const blocks = JSON.stringify(h.slack.called('chat.postEphemeral')[0]?.blocks);
    expect(blocks).toContain('For *Billing (Stripe)*, ask with `/access billing`: access comes through an SSO group');
  });
});

describe.each([
  ['an edited message', { subtype: 'message_changed', message: { user: 'U0REQ2', text: `oops ${GITHUB_TOKEN}`, ts: '1700000000.000300' } }, 'U0REQ2'],
  ['a thread reply', { user: 'U0REQ2', text: GITHUB_TOKEN, thread_ts: '1700000000.000001' }, 'U0REQ2'],
  ['a direct message to the bot', { user: 'U0REQ2', text: GITHUB_TOKEN, channel: 'D0REQ2', channel_type: 'im' }, 'U0REQ2'],
  ['a group DM', { user: 'U0REQ2', text: GITHUB_TOKEN, channel: 'G0MPIM', channel_type: 'mpim' }, 'U0REQ2'],
  ['a shared file whose preview holds it', { subtype: 'file_share', user: 'U0REQ2', text: 'config attached', files: [{ title: 'env', preview: `TOKEN=${GITHUB_TOKEN}` }] }, 'U0REQ2'],
])('in %s', (_where, event, poster) => {
  it('then the poster is warned and the attempt audited', async () => {
    await post(event);
    expect(h.slack.called('chat.postEphemeral')[0]?.user).toBe(poster);
    expect(await refusals()).toHaveLength(1);
  });
});

describe.each([
  ['from a bot', { bot_id: 'B0OTHER', subtype: 'bot_message', text: GITHUB_TOKEN }],
  ['from Latchkey itself', { user: 'U0LATCHKEY', bot_id: 'B0LATCHKEY', text: GITHUB_TOKEN }],
  ['an edit made by a bot', { subtype: 'message_changed', message: { bot_id: 'B0OTHER', text: GITHUB_TOKEN, ts: '1.2' } }],
  ['ordinary talk about passwords', { user: 'U0REQ1', text: 'my password expired, where do I reset it? the token endpoint is /oauth/token' }],
  ['a placeholder', { user: 'U0REQ1', text: 'set `password: <your password>` and DB_PASSWORD=${DB_PASSWORD}' }],
  ['a channel join', { subtype: 'channel_join', user: 'U0REQ1', text: '<@U0REQ1> has joined the channel' }],
])('a message %s', (_case, event) => {
  it('then nothing is said or recorded', async () => {
    await post(event);
    expect(h.slack.calls.filter((c) => c.method !== 'users.info')).toEqual([]);
    expect(await refusals()).toEqual([]);
  });
});

describe('with an admin user token', () => {
  let admin: Harness;
  beforeAll(async () => {
    admin = await startHarness({ shared: h, env: { SLACK_ADMIN_USER_TOKEN: 'xoxp-admin-user-token' } });
  });
  afterAll(() => admin.close());

  it('when a credential is posted, then the message is deleted with that token and both messages say so', async () => {
    await admin.event(messageEvent({ user: 'U0REQ1', text: GITHUB_TOKEN }));
    await admin.settled();

    expect(h.slack.called('chat.delete')).toEqual([expect.objectContaining({ channel: 'C0GENERAL', ts: '1700000100.000100', token: 'xoxp-admin-user-token' })]);
    expect(h.slack.called('chat.postEphemeral')[0]?.text).toContain('I deleted your message.');
    expect(h.slack.called('chat.postMessage')[0]?.text).toContain('The message was deleted.');
    expect(admin.logs.join('\n')).not.toContain('xoxp-admin-user-token');
  });
});

describe('in the thread of an approval card', () => {
  async function cardThread(): Promise<{ channel: string; ts: string }> {
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refunds' }));
    await h.settled();
    const { rows } = await h.db.pool.query("select channel, ts from slack_messages where kind = 'approval_card' order by channel limit 1");
    h.slack.reset();
    return rows[0];
  }

  it('when a credential is posted there, then the request is held, every card offers to clear it, and the requester is told', async () => {
    const card = await cardThread();

    await post({ user: 'U0REQ1', text: `the admin pw is ${DB_PASSWORD}`, channel: card.channel, thread_ts: card.ts });

    const { rows } = await h.db.pool.query('select status, block_reason from requests');
    expect(rows).toEqual([{ status: 'blocked', block_reason: 'unsafe_credential' }]);
    // Both approval cards; the requester's confirmation is refreshed too.
    const updates = h.slack.called('chat.update').filter((u) => u.channel !== 'D0REQ1');
    expect(updates).toHaveLength(2);
    expect(JSON.stringify(updates[0]?.blocks)).toContain(ACTION.clearHold);
    expect(JSON.stringify(updates[0]?.blocks)).not.toContain(ACTION.approve);
    // The requester's news message says it is on hold, and its thread tells why.
    expect(h.slack.called('chat.update').filter((u) => u.channel === 'D0REQ1').at(-1)?.text).toContain('is on hold');
    expect(h.slack.called('chat.postMessage').find((p) => p.channel === 'D0REQ1' && p.thread_ts)?.text).toContain('On hold: a password or key was posted in its thread.');
    expect(h.slack.called('chat.postMessage').find((p) => p.channel === 'C0SECALERT')?.text).toContain('(thread of AR-1001, now held)');
  });

  it('when an owner clears the hold, then the request is pending again and can be approved', async () => {
    const card = await cardThread();
    await post({ user: 'U0REQ1', text: GITHUB_TOKEN, channel: card.channel, thread_ts: card.ts });

    await h.interact(cardClick('U0REQ1', ACTION.clearHold, 1001));
    await h.settled();
    expect(h.slack.replies().at(-1)).toContain('Nobody approves their own request');

    await h.interact(cardClick('U0OWNER2', ACTION.clearHold, 1001));
    await h.settled();
    await h.interact(cardClick('U0OWNER2', ACTION.approve, 1001));
    await h.settled();
    const { rows } = await h.db.pool.query('select status, current_step from requests');
    expect(rows).toEqual([{ status: 'pending', current_step: 1 }]);
  });
});

describe('a credential typed into a Latchkey form', () => {
  it('when it is in the purpose, then the field refuses it by kind and nothing of it is stored', async () => {
    const res = await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: `use ${DATABASE_URL}` }));

    expect(res.json().errors[BLOCK.purpose]).toBe('That looks like a database URL with a password in it. Never paste credentials: remove it (and rotate it if it was real). Nothing was saved.');
    expect((await h.db.pool.query('select * from requests')).rowCount).toBe(0);
    expect(await refusals()).toEqual([expect.objectContaining({ actor: 'U0REQ1', surface: 'modal', kind: 'database_url' })]);
    expect(await everythingWritten()).not.toContain(DB_PASSWORD);
  });

  it('when it is in a deny reason, then the reason field refuses it and nothing is decided', async () => {
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices' }));
    await h.settled();

    const res = await h.interact(denySubmission('U0OWNER1', 1001, `no, and stop sharing ${GITHUB_TOKEN}`));

    expect(res.json().errors[BLOCK.reason]).toContain('That looks like a GitHub token');
    const { rows } = await h.db.pool.query('select status from requests');
    expect(rows).toEqual([{ status: 'pending' }]);
  });
});
