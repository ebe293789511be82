/**
 * Contract: a requester's news is one DM per request. The first news posts it; every later
 * step rewrites it in place (where things stand, at the top) and adds one short reply in
 * its thread. An effect carried out again posts nothing twice; a news message that was
 * deleted is replaced by a new one. "Usually decided in …" shows the median wait of the
 * last decided steps of that system and step kind, only from five decisions on.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, denySubmission, homeClick, requestSubmission, type RequestFields } from '../helpers/payloads.js';

const admin: RequestFields = { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund a duplicate charge' };
const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const HOUR = 3_600_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const settle = async () => {
  await h.settled();
  await h.effectsDone();
};

/** Top-level DMs to the requester, and the replies in the news message's thread. */
const topLevel = () => h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0REQ1');
const replies = (ts: string) => h.slack.called('chat.postMessage').filter((p) => p.thread_ts === ts);
const rewrites = (ts: string) => h.slack.called('chat.update').filter((u) => u.ts === ts);

async function newsRefs(): Promise<{ channel: string; ts: string; effect: string }[]> {
  return (await h.db.pool.query("select channel, ts, effect from slack_messages where kind = 'requester_news' order by ts")).rows;
}

describe('one news message per request', () => {
  it('when a two-step request is approved and set up, then one DM is rewritten in place and each step is a reply in its thread', async () => {
    await h.interactAndWait(requestSubmission('U0REQ1', admin));
    const [news] = await newsRefs();
    expect(topLevel().map((p) => p.text)).toEqual([
      ':inbox_tray: Your request *AR-1001* for *Administrator* on *Billing (Stripe)* for 1 h is in. <@U0OWNER1> and <@U0OWNER2> will decide, as owners of the system.',
    ]);

    await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1001, 0));
    await h.interactAndWait(cardClick('U0SEC2', ACTION.approve, 1001, 1));
    await h.interactAndWait(homeClick('U0OWNER2', ACTION.provisioned, '1001'));

    expect(replies(news!.ts).map((p) => [p.channel, p.text])).toEqual([
      ['D0REQ1', ':white_check_mark: Approved by <@U0OWNER1> (step 1 of 2). <@U0SEC1> and <@U0SEC2> will decide, as security reviewers.'],
      ['D0REQ1', ":white_check_mark: Approved by <@U0SEC2> (step 2 of 2). The system's owners are setting it up."],
      ['D0REQ1', expect.stringMatching(/^:key: Access ready, until <!date\^\d+/)],
    ]);
    expect(rewrites(news!.ts).at(-1)?.text).toMatch(/^\*AR-1001\* \*Administrator\* on \*Billing \(Stripe\)\* for 1 h: :key: Access active until <!date\^/);
    // Besides the news message, only the grant's own message with its buttons.
    expect(topLevel().slice(1).map((p) => p.text)).toEqual([expect.stringContaining('is ready and active until')]);
    expect(await newsRefs()).toHaveLength(1);
  });

  it('when the step is denied, then the message says so at the top and the thread quotes the reason', async () => {
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    await h.interactAndWait(denySubmission('U0OWNER2', 1001, 'Finance closes *tomorrow*'));
    const [news] = await newsRefs();

    // The reason as typed: quoted in the notification, literal text in the blocks.
    const quoted = '{"type":"rich_text_quote","elements":[{"type":"text","text":"Finance closes *tomorrow*"}]}';
    const [reply] = replies(news!.ts);
    expect(reply?.text).toBe(':x: Denied by <@U0OWNER2>: “Finance closes *tomorrow*”');
    expect(JSON.stringify(reply?.blocks)).toContain(quoted);
    const now = rewrites(news!.ts).at(-1)!;
    expect(now.text).toBe(':x: <@U0OWNER2> denied *AR-1001*: “Finance closes *tomorrow*”');
    expect(JSON.stringify(now.blocks)).toContain(quoted);
    expect(JSON.stringify(now.blocks)).not.toContain('/access cancel');
  });

  it('when the effect that told a step is carried out again, then no second reply is posted', async () => {
    await h.interactAndWait(requestSubmission('U0REQ1', admin));
    await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1001, 0));
    const [news] = await newsRefs();
    expect(replies(news!.ts)).toHaveLength(1);

    // As after a crash between carrying the effects out and marking them done.
    const { rowCount } = await h.db.pool.query(
      "update effects set status = 'pending', attempts = 0, due_at = now(), locked_until = null, done_at = null where kind = 'tell_requester'",
    );
    expect(rowCount).toBe(2);
    await settle();

    expect(replies(news!.ts)).toHaveLength(1);
    expect(topLevel()).toHaveLength(1);
  });

  it('when the news message was deleted, then the next news is a new DM that becomes the news message', async () => {
    await h.interactAndWait(requestSubmission('U0REQ1', admin));
    const [first] = await newsRefs();
    h.slack.fail('chat.update', 'message_not_found');

    await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1001, 0));

    expect(replies(first!.ts)).toHaveLength(0);
    expect(topLevel().map((p) => p.text)).toEqual([
      expect.stringContaining('is in.'),
      ':inbox_tray: Your request *AR-1001* for *Administrator* on *Billing (Stripe)* for 1 h is at step 2 of 2. <@U0SEC1> and <@U0SEC2> will decide, as security reviewers.',
    ]);
    const refs = await newsRefs();
    expect(refs).toHaveLength(2);

    h.slack.reset();
    await h.interactAndWait(cardClick('U0SEC1', ACTION.approve, 1001, 1));
    expect(replies(refs[1]!.ts).map((p) => p.text)).toEqual([expect.stringContaining('Approved by <@U0SEC1> (step 2 of 2)')]);
    expect(topLevel().filter((p) => p.text.includes('AR-1001*'))).toHaveLength(0);
  });
});

describe('usually decided in', () => {
  /** One decided owner step on Billing, `hours` after it was routed (denied, so the role stays free to ask for). */
  async function decidedAfter(id: number, hours: number) {
    await h.interactAndWait(requestSubmission('U0REQ2', viewer));
    h.clock.advance(hours * HOUR);
    await h.interactAndWait(denySubmission('U0OWNER1', id, 'Not this quarter'));
  }
  const newsText = () => topLevel().at(-1)?.text ?? '';

  it('when four steps were decided, then nothing is promised; from five on, the median wait is shown', async () => {
    for (const [index, hours] of [1, 2, 30, 2].entries()) await decidedAfter(1001 + index, hours);

    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    expect(newsText()).toContain('will decide, as owners of the system.');
    expect(newsText()).not.toContain('Usually');
    await h.interactAndWait(homeClick('U0REQ1', ACTION.cancelRequest, '1005'));

    await decidedAfter(1006, 3);
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    expect(newsText()).toContain('will decide, as owners of the system. Usually decided in about 2 h.');
  });

  it('when owners decided at once and security after an hour, then each step kind shows its own median', async () => {
    for (let index = 0; index < 5; index++) {
      await h.interactAndWait(requestSubmission('U0REQ2', admin));
      await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1001 + index, 0));
      h.clock.advance(HOUR);
      await h.interactAndWait(denySubmission('U0SEC1', 1001 + index, 'No', 1));
    }
    await h.interactAndWait(requestSubmission('U0REQ1', admin));
    expect(newsText()).toContain('as owners of the system. Usually decided in about 1 min.');

    await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1006, 0));
    const [news] = (await h.db.pool.query("select ts from slack_messages where kind = 'requester_news' and request_id = 1006")).rows;
    expect(rewrites(news.ts).at(-1)?.text).toContain('is at step 2 of 2. <@U0SEC1> and <@U0SEC2> will decide, as security reviewers. Usually decided in about 1 h.');
  });
});
