/**
 * Contract: only an approver of the current step decides it. The requester never approves
 * their own request, nobody decides two steps, strangers and bystanders change nothing,
 * stale and unknown cards change nothing, and two simultaneous clicks make one decision.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, denySubmission, requestSubmission, type RequestFields } from '../helpers/payloads.js';

let h: Harness;
// U0OWNER1 is both a billing owner and a security reviewer here.
const catalog = testCatalog(TEST_CATALOG_YAML.replace('reviewers: [U0SEC1, U0SEC2]', 'reviewers: [U0SEC1, U0OWNER1]'));
beforeAll(async () => {
  h = await startHarness({ catalog });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const admin: RequestFields = { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund INV-204' };

async function submit(user: string, fields: RequestFields = admin): Promise<void> {
  await h.interact(requestSubmission(user, fields));
  await h.settled();
  h.slack.reset();
}

async function click(user: string, action: string, step = 0, requestId = 1001): Promise<string | undefined> {
  await h.interact(cardClick(user, action, requestId, step));
  await h.settled();
  return h.slack.responses.at(-1)?.body.text;
}

async function decisions(): Promise<number> {
  const { rows } = await h.db.pool.query("select count(*)::int as n from audit_events where action in ('step.approved', 'step.denied')");
  return rows[0].n;
}

describe.each([
  ['a bystander', 'U0REQ2', 'You are not an approver of this step of AR-1001'],
  ['the requester', 'U0REQ1', 'Nobody approves their own request'],
  ['a security reviewer, before the owner step', 'U0SEC1', 'You are not an approver of this step of AR-1001'],
  ['a Slack Connect user', 'U0EXT1', 'only takes requests and decisions from members of this organisation'],
])('when %s clicks on an owner card', (_who, user, words) => {
  it.each([ACTION.approve, ACTION.deny])('then %s changes nothing and only they are told', async (action) => {
    await submit('U0REQ1');

    const reply = await click(user, action);

    expect(reply).toContain(words);
    expect(h.slack.responses.at(-1)?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(await decisions()).toBe(0);
    expect(h.slack.called('chat.update')).toHaveLength(0);
    expect(h.slack.called('views.open')).toHaveLength(0);
  });
});

describe('the requester is an owner', () => {
  it('when they request, then their card is not sent to them, the others decide, and the card says why', async () => {
    await h.interact(requestSubmission('U0OWNER1', admin));
    await h.settled();

    const cards = h.slack.called('chat.postMessage').filter((p) => p.channel !== 'U0OWNER1');
    expect(cards.map((c) => c.channel)).toEqual(['U0OWNER2']);
    expect(JSON.stringify(cards[0]?.blocks)).toContain('<@U0OWNER1> is an approver here too, but nobody approves their own request.');
  });

  it('when they are the only owner, then the owner step goes to security', async () => {
    await h.interact(requestSubmission('U0OWNER3', { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Quarterly report' }));
    await h.settled();

    const cards = h.slack.called('chat.postMessage').filter((p) => p.channel !== 'U0OWNER3');
    expect(cards.map((c) => c.channel).sort()).toEqual(['U0OWNER1', 'U0SEC1']);
  });
});

describe('one person, one step', () => {
  it('when the owner who approved step 1 is also a reviewer, then step 2 goes to the other reviewer and they cannot decide it', async () => {
    await submit('U0REQ1');
    await click('U0OWNER1', ACTION.approve, 0);

    const { rows } = await h.db.pool.query("select steps->1->'approvers' as approvers from requests");
    expect(rows[0].approvers).toEqual(['U0SEC1']);
    expect(await click('U0OWNER1', ACTION.approve, 1)).toContain('You already decided an earlier step of AR-1001');
    expect(await decisions()).toBe(1);
  });
});

describe('stale and unknown cards', () => {
  it('when a step was already decided, then a later click is told who decided it', async () => {
    await submit('U0REQ1');
    await click('U0OWNER2', ACTION.approve, 0);

    expect(await click('U0OWNER2', ACTION.approve, 0)).toContain('This step of AR-1001 was already approved by <@U0OWNER2>');
    expect(await decisions()).toBe(1);
  });

  it('when the request was cancelled, then a click changes nothing', async () => {
    await submit('U0REQ1');
    await h.command('U0REQ1', 'cancel AR-1001');
    await h.settled();

    expect(await click('U0OWNER1', ACTION.approve, 0)).toContain('AR-1001 is cancelled, so nothing was changed');
    expect(await decisions()).toBe(0);
  });

  it('when the request does not exist, then the click is answered politely', async () => {
    expect(await click('U0OWNER1', ACTION.approve, 0, 4242)).toContain("I can't find AR-4242");
  });

  it('when the button value is malformed, then nothing happens but a polite reply', async () => {
    const payload = cardClick('U0OWNER1', ACTION.approve, 1001);
    payload.actions[0]!.value = "1001'; drop table requests;--";
    await h.interact(payload);
    await h.settled();
    expect(h.slack.replies().at(-1)).toBe("I couldn't read that button. Nothing was changed.");
  });

  it('when a deny reason arrives after someone else approved, then the modal says who won', async () => {
    await submit('U0REQ1');
    await click('U0OWNER2', ACTION.approve, 0);

    const res = await h.interact(denySubmission('U0OWNER1', 1001, 'too broad'));
    expect(res.json().errors.reason).toContain('already approved by <@U0OWNER2>');
  });
});

describe('two approvers at the same moment', () => {
  it('when both click Approve in parallel, then exactly one decision and one audit event exist, and the loser sees who won', async () => {
    await submit('U0REQ1');

    await Promise.all([h.interact(cardClick('U0OWNER1', ACTION.approve, 1001)), h.interact(cardClick('U0OWNER2', ACTION.approve, 1001))]);
    await h.settled();

    expect(await decisions()).toBe(1);
    const { rows } = await h.db.pool.query("select steps->0->'decision'->>'by' as winner from requests");
    const winner = rows[0].winner;
    expect(['U0OWNER1', 'U0OWNER2']).toContain(winner);
    expect(h.slack.replies()).toEqual([`This step of AR-1001 was already approved by <@${winner}>. Nothing was changed.`]);
  });

  it('when one approves and one denies in parallel, then only one outcome is recorded', async () => {
    await submit('U0REQ1');

    await Promise.all([h.interact(cardClick('U0OWNER1', ACTION.approve, 1001)), h.interact(denySubmission('U0OWNER2', 1001, 'no'))]);
    await h.settled();

    expect(await decisions()).toBe(1);
  });
});
