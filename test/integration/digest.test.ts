/**
 * Contract: the daily digest reaches each coordinator by DM at the catalog's digest time and
 * zone, lists what waits (oldest first, on whom, needed-by at risk) and revocations needing
 * people, and yesterday's measurements; an empty day says "Nothing blocked." in one line;
 * `/access digest` sends it at once, to coordinators only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { sendDigest } from '../../src/operations/send-digest.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, messageEvent, requestSubmission } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const digestTo = (user: string) =>
  h.slack.called('chat.postMessage').filter((p) => p.channel === user && String(p.text).startsWith('Access blockers'));

describe('the daily digest', () => {
  it('is scheduled every day at the catalog\'s digest time in its time zone', async () => {
    const { rows } = await h.db.pool.query("select repeat_interval, repeat_timezone from agenda_jobs where name = 'send-digest'");
    expect(rows).toEqual([{ repeat_interval: '0 9 * * *', repeat_timezone: 'Europe/Berlin' }]);
  });

  it('when nothing waits, then it says so in one line, with the measurements', async () => {
    await sendDigest(h.latchkey.deps);
    const [digest] = digestTo('U0COORD1');
    const blocks = JSON.stringify(digest?.blocks);
    expect(blocks).toContain(':white_check_mark: Nothing blocked.');
    expect(blocks).toContain('Access blockers');
  });

  it('when requests wait, then they are listed oldest first with whom they wait on, and yesterday is measured', async () => {
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices', neededBy: '2999-01-01' }));
    await h.settled();
    await h.interact(requestSubmission('U0REQ2', { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Report' }));
    await h.settled();
    await h.db.pool.query("update requests set created_at = now() - interval '3 days' where id = 1002");
    await h.event({ ...messageEvent({ user: 'U0REQ2', text: 'password: Tr0ub4dor-and-3' }) });
    await h.settled();

    // The digest of tomorrow morning: today is its "yesterday".
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    await sendDigest({ ...h.latchkey.deps, clock: { now: () => tomorrow } });

    const blocks = JSON.stringify(digestTo('U0COORD1')[0]?.blocks);
    const first = blocks.indexOf('AR-1002');
    const second = blocks.indexOf('AR-1001');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(blocks).toContain('<@U0OWNER3>');
    expect(blocks).toMatch(/waiting 4 days/);
    expect(blocks).toContain('*Unsafe credential attempts*\\n1');
    expect(blocks).toContain('*Completion rate*\\n0 % (0 of 2)');
  });

  it('when a revocation failed, then it is listed until someone resolves it', async () => {
    await h.interact(requestSubmission('U0REQ1', { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Report' }));
    await h.settled();
    await h.interact(cardClick('U0OWNER3', ACTION.approve, 1001));
    await h.settled();
    await h.db.pool.query("update grants set status = 'revocation_failed', attempts = 5");

    await sendDigest(h.latchkey.deps);

    expect(JSON.stringify(digestTo('U0COORD1')[0]?.blocks)).toContain('AR-1001');
  });
});

describe('/access digest', () => {
  it('when a coordinator asks, then the digest arrives now', async () => {
    await h.command('U0COORD1', 'digest');
    await h.settled();
    expect(digestTo('U0COORD1')).toHaveLength(1);
    expect(h.slack.replies().at(-1)).toContain('The digest is in your DMs');
  });

  it('when anyone else asks, then nothing is sent', async () => {
    await h.command('U0REQ1', 'digest');
    await h.settled();
    expect(h.slack.called('chat.postMessage')).toEqual([]);
    expect(h.slack.replies().at(-1)).toContain('Only the coordinators named in the catalog can do that.');
  });
});
