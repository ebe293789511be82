/**
 * Contract: a credential typed where nothing is posted is refused and raised like one posted
 * in chat. In a Latchkey form, the field refuses it and security's alerts channel hears who
 * typed which kind (with its fingerprint). In the slash command (`/access AKIA…`), nothing
 * runs: the person is warned privately by kind, security is alerted, the attempt is audited
 * with the `slash_command` surface, and the value is never echoed, stored or logged.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOCK } from '../../blocks/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { denySubmission, requestSubmission } from '../helpers/payloads.js';

// Built at run time so that no scanner of this repository mistakes the fixtures for leaks.
const AWS_KEY_ID = ['AKIA', 'Q3VXB7WZK2L5M4PN'].join('');
const GITHUB_TOKEN = ['ghp', '_', 'R7kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoX'].join('');
const SSH_PASSWORD = 'Gr33n!Lantern-7';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

async function refusals(): Promise<{ actor: string; surface: string; kind: string }[]> {
  const { rows } = await h.db.pool.query(
    "select actor, surface, details->>'kind' as kind from audit_events where action = 'credential.refused' order by id",
  );
  return rows;
}

/** Everything the bot wrote anywhere: logs, every table, every Slack call and reply. */
async function everythingWritten(): Promise<string> {
  const tables = await Promise.all(
    ['requests', 'audit_events', 'slack_messages'].map(async (t) => JSON.stringify((await h.db.pool.query(`select * from ${t}`)).rows)),
  );
  return [...h.logs, ...tables, JSON.stringify(h.slack.calls), JSON.stringify(h.slack.responses)].join('\n');
}

/** The form's alert is sent after the refusal without holding up Slack's answer. */
async function securityAlerts(): Promise<string[]> {
  await expect.poll(() => h.slack.called('chat.postMessage').filter((m) => m.channel === 'C0SECALERT').length, { timeout: 5_000 }).toBeGreaterThan(0);
  return h.slack.called('chat.postMessage').filter((m) => m.channel === 'C0SECALERT').map((m) => String(m.text));
}

describe('a credential typed into a Latchkey form', () => {
  it('when it is in the purpose, then the field refuses it and security is alerted by kind and fingerprint', async () => {
    const res = await h.interact(
      requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: `sshpass -p '${SSH_PASSWORD}' ssh ops@10.0.0.4` }),
    );

    expect(res.json().errors[BLOCK.purpose]).toContain('That looks like a password');
    const [alert] = await securityAlerts();
    expect(alert).toMatch(/^:rotating_light: <@U0REQ1> typed a password into a Latchkey form\. Fingerprints: `[0-9a-f]{8}` a password\./);
    expect(await refusals()).toEqual([{ actor: 'U0REQ1', surface: 'modal', kind: 'password_assignment' }]);
    expect((await h.db.pool.query('select * from requests')).rowCount).toBe(0);
    expect(await everythingWritten()).not.toContain(SSH_PASSWORD);
  });

  it('when it is in a deny reason, then security is alerted too', async () => {
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices' }));
    await h.settled();
    h.slack.reset();

    const res = await h.interact(denySubmission('U0OWNER1', 1001, `no, and stop sharing ${GITHUB_TOKEN}`));

    expect(res.json().errors[BLOCK.reason]).toContain('That looks like a GitHub token');
    const [alert] = await securityAlerts();
    expect(alert).toContain('<@U0OWNER1> typed a GitHub token');
    expect(await everythingWritten()).not.toContain(GITHUB_TOKEN);
  });

  it('when security cannot be reached, then the form is still refused and the failure is logged', async () => {
    h.slack.fail('chat.postMessage', 'channel_not_found');

    const res = await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: GITHUB_TOKEN }));

    expect(res.json().errors[BLOCK.purpose]).toContain('That looks like a GitHub token');
    await expect.poll(() => h.logs.some((line) => line.includes('could not alert security')), { timeout: 5_000 }).toBe(true);
    expect(await refusals()).toHaveLength(1);
  });
});

describe('a credential in the slash command', () => {
  it('when /access is followed by a key, then nothing runs, the user is warned by kind, security is alerted and it is audited', async () => {
    const res = await h.command('U0REQ1', AWS_KEY_ID);
    expect(res.status).toBe(200);
    await h.settled();

    expect(h.slack.called('views.open')).toEqual([]);
    const replies = h.slack.replies();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('That looks like an AWS access key ID. I did not run the command and saved nothing.');
    expect(h.slack.responses[0]?.body.response_type ?? 'ephemeral').toBe('ephemeral');
    const alerts = h.slack.called('chat.postMessage').filter((m) => m.channel === 'C0SECALERT');
    expect(alerts.map((m) => m.text)).toEqual([
      expect.stringMatching(/^:rotating_light: <@U0REQ1> typed an AWS access key ID into the `\/access` command\. Fingerprints: `[0-9a-f]{8}`/),
    ]);
    expect(await refusals()).toEqual([{ actor: 'U0REQ1', surface: 'slash_command', kind: 'aws_access_key_id' }]);
    expect(await everythingWritten()).not.toContain(AWS_KEY_ID);
  });

  it('when a subcommand carries a credential, then the subcommand does not run either', async () => {
    await h.command('U0REQ1', `cancel AR-1001 ${GITHUB_TOKEN}`);
    await h.settled();

    expect(h.slack.replies()).toEqual([expect.stringContaining('That looks like a GitHub token')]);
    expect(await everythingWritten()).not.toContain(GITHUB_TOKEN);
  });

  it('when the text is an ordinary system name, then the form opens and nothing is refused', async () => {
    await h.command('U0REQ1', 'billing');
    await h.settled();

    expect(h.slack.called('views.open')).toHaveLength(1);
    expect(await refusals()).toEqual([]);
  });
});
