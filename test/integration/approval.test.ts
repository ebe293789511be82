/**
 * Contract: approval cards reach the right people with the facts and flags needed to
 * decide; the chain is followed one step at a time by different people; every copy of a
 * card shows each decision and loses its buttons; the requester hears the outcome.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK } from '../../blocks/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, denySubmission, requestSubmission, type RequestFields } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const admin: RequestFields = { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund invoice INV-204 <!channel> & co', neededBy: '2999-12-31' };

async function submit(user: string, fields: RequestFields): Promise<void> {
  await h.interact(requestSubmission(user, fields));
  await h.settled();
}

const postsTo = (channel: string) => h.slack.called('chat.postMessage').filter((p) => p.channel === channel);
/** The requester's news: replies in its thread, and the message itself as last rewritten. */
const newsReplies = () => postsTo('D0REQ1').filter((p) => p.thread_ts);
const newsNow = () => h.slack.called('chat.update').filter((u) => u.channel === 'D0REQ1').at(-1);
const text = (message: Record<string, any> | undefined) => JSON.stringify(message?.blocks ?? []);

async function status(): Promise<{ status: string; current_step: number }> {
  const { rows } = await h.db.pool.query('select status, current_step from requests where id = 1001');
  return rows[0];
}

describe('the approval card', () => {
  it('when a privileged request is submitted, then each owner gets a card with every fact, the flag first, and both buttons', async () => {
    await submit('U0REQ1', admin);

    const card = postsTo('U0OWNER1')[0];
    const blocks = text(card);
    expect(card?.text).toBe('AR-1001: <@U0REQ1> asks for *Administrator* on *Billing (Stripe)* for 1 h');
    expect(blocks).toContain(':rotating_light: Privileged access request AR-1001');
    for (const fact of ['<@U0REQ1>', 'Billing (Stripe)', 'Administrator', '1 h', '2999-12-31', 'Refund invoice INV-204']) {
      expect(blocks).toContain(fact);
    }
    expect(blocks).toContain('Administrator on Billing (Stripe) is a privileged role.');
    expect(blocks).toContain('Step 1 of 2: Owner approval · Owner approval → Security review');
    expect(card?.blocks.at(-1).elements.map((e: any) => [e.action_id, e.value])).toEqual([
      [ACTION.approve, '1001:0'],
      [ACTION.deny, '1001:0'],
    ]);
    expect(postsTo('U0OWNER2')).toHaveLength(1);
  });

  it('when the purpose holds Slack markup, then it is shown literally, never acted on', async () => {
    await submit('U0REQ1', admin);
    const blocks: any[] = postsTo('U0OWNER1')[0]?.blocks ?? [];
    // Text in a rich_text element is never parsed for mentions; mrkdwn elsewhere stays clean.
    expect(JSON.stringify(blocks.filter((b) => b.type === 'rich_text'))).toContain('{"type":"text","text":"Refund invoice INV-204 <!channel> & co"}');
    expect(JSON.stringify(blocks.filter((b) => b.type !== 'rich_text'))).not.toContain('<!channel>');
  });

  it('when the system is client-owned, then the card says so', async () => {
    await submit('U0REQ1', { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Monthly report' });
    expect(text(postsTo('U0OWNER3')[0])).toContain('Client Google Ads belongs to a client; their rules apply too.');
  });
});

describe('the approval chain', () => {
  it('when an owner approves step 1 of 2, then every card updates, security gets cards, and the requester hears who approved', async () => {
    await submit('U0REQ1', admin);
    h.slack.reset();

    const res = await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001, 0));
    await h.settled();

    expect(res.status).toBe(200);
    expect(await status()).toEqual({ status: 'pending', current_step: 1 });
    const updates = h.slack.called('chat.update');
    // Both cards, and the requester's news message, which now shows the next step.
    expect([...new Set(updates.map((u) => u.channel))].sort()).toEqual(['D0OWNER1', 'D0OWNER2', 'D0REQ1']);
    for (const update of updates.filter((u) => u.channel !== 'D0REQ1')) {
      expect(text(update)).toContain(':white_check_mark: Approved by <@U0OWNER1> (Owner approval)');
      expect(text(update)).not.toContain(ACTION.approve);
    }
    expect(postsTo('U0SEC1')).toHaveLength(1);
    expect(postsTo('U0SEC2')).toHaveLength(1);
    expect(postsTo('U0SEC1')[0]?.blocks.at(-1).elements[0].value).toBe('1001:1');
    expect(postsTo('U0REQ1')).toHaveLength(0);
    expect(newsReplies().map((p) => p.text)).toEqual([':white_check_mark: Approved by <@U0OWNER1> (step 1 of 2). <@U0SEC1> and <@U0SEC2> will decide, as security reviewers.']);
    expect(newsNow()?.text).toContain('*AR-1001* for *Administrator* on *Billing (Stripe)* for 1 h is at step 2 of 2.');
  });

  it('when security approves the last step, then the request is approved, all four cards show both decisions, and the requester is told', async () => {
    await submit('U0REQ1', admin);
    await h.interact(cardClick('U0OWNER2', ACTION.approve, 1001, 0));
    await h.settled();
    h.slack.reset();

    await h.interact(cardClick('U0SEC1', ACTION.approve, 1001, 1));
    await h.settled();

    expect(await status()).toEqual({ status: 'approved', current_step: 2 });
    // The approval cards; the owners' provisioning tasks are new messages of their own.
    const updates = h.slack.called('chat.update').filter((u) => / of 2: /.test(text(u)));
    expect(updates).toHaveLength(4);
    for (const update of updates) {
      expect(text(update)).toContain('Approved by <@U0OWNER2> (Owner approval)');
      expect(text(update)).toContain('Approved by <@U0SEC1> (Security review)');
      expect(text(update)).toContain('Fully approved.');
    }
    expect(postsTo('U0REQ1')).toHaveLength(0);
    expect(newsReplies().map((p) => p.text)).toEqual([":white_check_mark: Approved by <@U0SEC1> (step 2 of 2). The system's owners are setting it up."]);
    expect(newsNow()?.text).toContain('*AR-1001* is approved');
    const { rows } = await h.db.pool.query('select action, actor, surface from audit_events order by id');
    expect(rows.map((r) => `${r.action}/${r.actor}/${r.surface}`)).toEqual([
      'request.submitted/U0REQ1/modal',
      'step.routed/latchkey/system',
      'step.approved/U0OWNER2/button',
      'step.routed/latchkey/system',
      'step.approved/U0SEC1/button',
      'grant.created/U0SEC1/button',
    ]);
  });
});

describe('denying', () => {
  it('when an owner clicks Deny, then a reason modal opens for that request and step', async () => {
    await submit('U0REQ1', admin);
    await h.interact(cardClick('U0OWNER1', ACTION.deny, 1001, 0));
    await h.settled();

    const [open] = h.slack.called('views.open');
    expect(open?.view.callback_id).toBe(CALLBACK.denyModal);
    expect(JSON.parse(open?.view.private_metadata)).toEqual({ requestId: 1001, stepIndex: 0 });
    expect(await status()).toEqual({ status: 'pending', current_step: 0 });
  });

  it('when the reason is submitted, then the request is denied, the cards show the reason, and the requester reads it', async () => {
    await submit('U0REQ1', admin);
    h.slack.reset();

    const res = await h.interact(denySubmission('U0OWNER1', 1001, 'Use the viewer role; refunds go through finance'));
    await h.settled();

    expect(res.body).toBe('');
    expect(await status()).toEqual({ status: 'denied', current_step: 1 });
    for (const update of h.slack.called('chat.update').filter((u) => u.channel !== 'D0REQ1')) {
      expect(text(update)).toContain(':x: Denied by <@U0OWNER1> (Owner approval)');
      expect(text(update)).toContain('{"type":"rich_text_quote","elements":[{"type":"text","text":"Use the viewer role; refunds go through finance"}]}');
    }
    expect(newsReplies().map((p) => p.text)).toEqual([':x: Denied by <@U0OWNER1>: “Use the viewer role; refunds go through finance”']);
    expect(newsNow()?.text).toContain('<@U0OWNER1> denied *AR-1001*: “Use the viewer role; refunds go through finance”');
    expect(postsTo('U0SEC1')).toHaveLength(0);
  });

  it('when the reason is blank, then the deny modal stays open asking for one', async () => {
    await submit('U0REQ1', admin);
    const res = await h.interact(denySubmission('U0OWNER1', 1001, '   '));
    expect(res.json()).toEqual({ response_action: 'errors', errors: { reason: 'Give the requester a reason.' } });
    expect(await status()).toEqual({ status: 'pending', current_step: 0 });
  });
});

describe('when Slack fails to deliver', () => {
  it('then the decision stands and the failure is logged', async () => {
    await submit('U0REQ1', admin);
    h.slack.fail('chat.update', 'internal_error');

    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001, 0));
    await h.settled();

    expect(await status()).toEqual({ status: 'pending', current_step: 1 });
    expect(h.logs.some((line) => line.includes('effect failed') && line.includes('internal_error'))).toBe(true);
    expect(postsTo('U0SEC1')).toHaveLength(1);
    // Retried, then given up on where an operator sees it: /metrics counts it, the row says why.
    await h.effectsDone();
    const { rows } = await h.db.pool.query(`select status, attempts, last_error from effects where kind = 'refresh_messages'`);
    expect(rows).toEqual([{ status: 'failed', attempts: 3, last_error: expect.stringContaining('internal_error') }]);
  });

  it('when a card was deleted, then the other copies are still updated and nothing is retried', async () => {
    await submit('U0REQ1', admin);
    h.slack.fail('chat.update', 'message_not_found');

    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001, 0));
    await h.settled();
    await h.effectsDone();

    expect(h.logs.some((line) => line.includes('effect failed'))).toBe(false);
  });
});
