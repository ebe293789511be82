/**
 * Contract: a chain built by real flows through the Bolt app verifies; each audit event is
 * also a log line with a stable `event` field and no free text; `/access audit [from] [to]`
 * uploads the trail as CSV to a security reviewer's DM (files upload v2) and refuses
 * everyone else without uploading anything.
 */
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { verifyAuditChain } from '../../src/store/audit-trail.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, messageEvent, requestSubmission, type RequestFields } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const admin: RequestFields = { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund "INV-204", INV-205\nfor ACME', neededBy: '2999-12-31' };

/** Submitted, approved by an owner and by security: the grant is created with the last approval. */
async function approveAll(): Promise<void> {
  await h.interact(requestSubmission('U0REQ1', admin));
  await h.settled();
  await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001, 0));
  await h.settled();
  await h.interact(cardClick('U0SEC1', ACTION.approve, 1001, 1));
  await h.settled();
}

/** The file inside the multipart body the Web API client posts to the upload URL. */
const filePart = (multipart: string) => multipart.slice(multipart.indexOf('\r\n\r\n') + 4, multipart.lastIndexOf('\r\n--'));

const auditLines = () => h.logs.map((line) => JSON.parse(line)).filter((line) => line.msg === 'audit event');

describe('the chain from real flows', () => {
  it('when a request is submitted and approved through Slack, then every event is in one intact chain', async () => {
    await approveAll();
    const { rows } = await h.db.pool.query('select count(*)::int as n from audit_events');
    expect(rows[0].n).toBeGreaterThanOrEqual(6);
    expect(await verifyAuditChain(h.db.pool)).toMatchObject({ intact: true, events: rows[0].n });
  });

  it('when events are audited, then each is a log line with its event name and no purpose', async () => {
    await approveAll();
    const lines = auditLines();
    const { rows } = await h.db.pool.query('select action from audit_events order by seq');
    expect(lines.map((line) => line.event)).toEqual(rows.map((row) => row.action));
    expect(lines.find((line) => line.event === 'step.approved')).toMatchObject({ actor: 'U0OWNER1', surface: 'button', request: 'AR-1001' });
    expect(h.logs.join('')).not.toContain('INV-204');
  });

  it('when a credential is refused, then its line carries the kind and fingerprint, never the credential', async () => {
    const token = ['ghp', '_', 'R7kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoX'].join('');
    await h.event(messageEvent({ user: 'U0REQ2', text: `try ${token}`, channel: 'D0REQ2', channel_type: 'im' }));
    await h.settled();

    const { rows } = await h.db.pool.query(`select details ->> 'fingerprint' as fingerprint from audit_events where action = 'credential.refused'`);
    expect(auditLines()).toEqual([expect.objectContaining({ event: 'credential.refused', actor: 'U0REQ2', kind: expect.any(String), fingerprint: rows[0].fingerprint })]);
    expect(h.logs.join('')).not.toContain(token);
  });
});

describe('/access audit', () => {
  let uploaded: string[];
  beforeEach(() => {
    uploaded = [];
    nock('https://files.slack.com')
      .post(/^\/upload\/v1\//)
      .reply(200, (_uri, body) => {
        uploaded.push(typeof body === 'string' ? body : JSON.stringify(body));
        return 'OK';
      });
  });

  it('when a security reviewer asks, then the CSV is uploaded to their DM', async () => {
    await approveAll();
    h.slack.reset();

    await h.command('U0SEC1', 'audit 2026-01-01');
    await h.settled();

    expect(h.slack.called('conversations.open')).toEqual([expect.objectContaining({ users: 'U0SEC1' })]);
    const [asked] = h.slack.called('files.getUploadURLExternal');
    expect(asked).toMatchObject({ filename: 'latchkey-audit.csv' });
    expect(uploaded).toHaveLength(1);
    const csv = filePart(uploaded[0]!);
    expect(Number(asked!.length)).toBe(Buffer.byteLength(csv));
    expect(csv.split('\r\n')[0]).toBe('id,seq,at,actor,action,surface,request_id,before,after,details,prev_hash,hash');
    expect(csv).toContain('""purpose"": ""Refund \\""INV-204\\"", INV-205\\nfor ACME""');
    const [completed] = h.slack.called('files.completeUploadExternal');
    expect(completed).toMatchObject({ channel_id: 'D0SEC1' });
    expect(JSON.parse(completed!.files)).toEqual([expect.objectContaining({ id: 'F0UPLOAD1' })]);
    expect(h.slack.replies().at(-1)).toMatch(/The audit trail \(\d+ events\) is in your DMs/);
  });

  it('when anyone else asks, then they are refused and nothing is uploaded', async () => {
    await h.command('U0OWNER1', 'audit');
    await h.settled();

    expect(h.slack.replies().at(-1)).toContain('Only the security reviewers named in the catalog');
    expect(h.slack.called('files.getUploadURLExternal')).toEqual([]);
    expect(uploaded).toEqual([]);
  });

  it('when a date is not a date, then the reviewer is told which', async () => {
    await h.command('U0SEC1', 'audit soon');
    await h.settled();

    expect(h.slack.replies().at(-1)).toContain('“soon” is not a date');
    expect(h.slack.called('files.getUploadURLExternal')).toEqual([]);
  });
});
