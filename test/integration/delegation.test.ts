/**
 * Contract: an approver away sets a delegate until a day from their Home. While it holds,
 * new cards and reminders for their steps go to the delegate too, the card says so, and
 * the delegate may decide, under the same rules as any approver: never their own request,
 * never two steps of one. Setting and clearing are audited; a delegation past its day
 * simply stops applying. Cards sent before a delegation was set stay as they were.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, BLOCK } from '../../blocks/ids.js';
import { calendarDate } from '../../src/operations/support.js';
import { addDays, startOfDay } from '../../src/operations/time-zone.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';
import { comingUtc } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { appHomeOpened, cardClick, homeClick, requestSubmission, type RequestFields } from '../helpers/payloads.js';

const BERLIN = 'Europe/Berlin'; // every fake colleague's time zone
const WED = 3;
const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const admin: RequestFields = { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund a duplicate charge' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.slack.people.set('U0GONE', { id: 'U0GONE', team_id: 'T0LATCH', deleted: true });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const settle = async () => {
  await h.settled();
  await h.effectsDone();
};

/** Today, or `days` from today, in Berlin by the bot's clock. */
const day = (days = 0) => addDays(calendarDate(h.clock.now(), BERLIN), days);

/** The Home's Save pressed with a person and a day picked, as Slack sends it from a Home view. */
function saveClick(user: string, delegate: string | null, lastDay: string | null) {
  const click = homeClick(user, ACTION.saveDelegation, 'save');
  const values = {
    [BLOCK.delegateTo]: { [ACTION.delegateTo]: { type: 'users_select', selected_user: delegate } },
    [BLOCK.delegateUntil]: { [ACTION.delegateUntil]: { type: 'datepicker', selected_date: lastDay } },
  };
  return { ...click, view: { ...click.view, state: { values } }, actions: [{ ...click.actions[0], block_id: 'home:away:save' }] };
}

async function delegate(user: string, to: string | null, lastDay: string | null) {
  const res = await h.interact(saveClick(user, to, lastDay));
  expect(res.status).toBe(200);
  await h.settled();
}

async function submit(user: string, fields: RequestFields) {
  await h.interact(requestSubmission(user, fields));
  await settle();
}

const postsTo = (user: string) => h.slack.called('chat.postMessage').filter((p) => p.channel === user);
const cardsTo = (user: string) => postsTo(user).filter((p) => JSON.stringify(p.blocks ?? []).includes(ACTION.approve));
const status = async (id = 1001) => (await h.db.pool.query('select status, current_step from requests where id = $1', [id])).rows[0];
const delegations = async () => (await h.db.pool.query('select approver, delegate, until from delegations')).rows;

async function click(user: string, requestId = 1001, step = 0) {
  await h.interact(cardClick(user, ACTION.approve, requestId, step));
  await settle();
  return String(h.slack.responses.at(-1)?.body.text ?? '');
}

/** The person opens their Home; returns what was published, as JSON text and blocks. */
async function openHome(user: string) {
  await h.event(appHomeOpened(user));
  await h.settled();
  return lastHome(user);
}

function lastHome(user: string) {
  const view = h.slack.called('views.publish').filter((call) => call.user_id === user).at(-1)?.view;
  expect(view, `no Home published for ${user}`).toBeDefined();
  expect(blockKitViolations('home', view.blocks)).toEqual([]);
  return { text: JSON.stringify(view), blocks: view.blocks as Record<string, any>[] };
}

describe('the Home', () => {
  it('when an approver opens their Home, then it offers a colleague picker, a day and Save; a requester who approves nothing sees none', async () => {
    const home = await openHome('U0OWNER1');
    const inputs = home.blocks.filter((block) => block.type === 'input').map((block) => [block.block_id, block.element.type, block.element.action_id]);
    expect(inputs).toEqual([
      [BLOCK.delegateTo, 'users_select', ACTION.delegateTo],
      [BLOCK.delegateUntil, 'datepicker', ACTION.delegateUntil],
    ]);
    expect(home.text).toContain('Away? Delegate your approvals to');
    expect(home.text).toContain(`"action_id":"${ACTION.saveDelegation}"`);

    expect((await openHome('U0REQ1')).text).not.toContain(ACTION.saveDelegation);
  });

  it('when an approver saves a delegate and a day, then it is stored and audited, their Home shows it with Clear, and the delegate is told', async () => {
    await openHome('U0OWNER1');
    const lastDay = day(3);

    await delegate('U0OWNER1', 'U0REQ2', lastDay);

    const until = startOfDay(addDays(lastDay, 1), BERLIN);
    expect(await delegations()).toEqual([{ approver: 'U0OWNER1', delegate: 'U0REQ2', until }]);
    const { rows } = await h.db.pool.query(`select actor, action, surface, request_id, details from audit_events`);
    expect(rows).toEqual([
      { actor: 'U0OWNER1', action: 'delegation.set', surface: 'button', request_id: null, details: { delegate: 'U0REQ2', until: expect.any(String) } },
    ]);
    expect(new Date(rows[0].details.until)).toEqual(until);

    const home = lastHome('U0OWNER1');
    expect(home.text).toContain('Delegating your approvals to <@U0REQ2> until <!date^');
    expect(home.text).toContain(`"action_id":"${ACTION.clearDelegation}"`);
    expect(home.text).not.toContain(ACTION.saveDelegation);
    expect(postsTo('U0REQ2').at(-1)?.text).toMatch(/^:palm_tree: <@U0OWNER1> is away and has delegated their approvals to you until <!date\^/);
  });

  it('when an approver sets a new delegation, then it replaces the old one, audited with what it replaced', async () => {
    await delegate('U0OWNER1', 'U0REQ2', day(3));
    await delegate('U0OWNER1', 'U0COORD1', day(5));

    expect((await delegations()).map((row) => row.delegate)).toEqual(['U0COORD1']);
    const { rows } = await h.db.pool.query(`select before ->> 'delegate' as before, after ->> 'delegate' as after from audit_events order by id`);
    expect(rows).toEqual([{ before: null, after: 'U0REQ2' }, { before: 'U0REQ2', after: 'U0COORD1' }]);
  });

  it.each([
    ['themselves', 'U0OWNER1', 0, 'You cannot delegate your approvals to yourself'],
    ['a deactivated account', 'U0GONE', 0, 'Pick a colleague to delegate to'],
    ['a Slack Connect user', 'U0EXT1', 0, 'Pick a colleague to delegate to'],
    ['nobody', null, 0, 'Pick a colleague to delegate to'],
    ['a colleague, until yesterday', 'U0REQ2', -1, 'Pick the last day of your delegation: today, or up to 90 days ahead.'],
    ['a colleague, for a year', 'U0REQ2', 365, 'Pick the last day of your delegation'],
  ])('when an approver delegates to %s, then nothing is stored and they are told why by DM', async (_who, to, days, words) => {
    await delegate('U0OWNER1', to, day(days));

    expect(await delegations()).toEqual([]);
    expect((await h.db.pool.query('select 1 from audit_events')).rowCount).toBe(0);
    expect(postsTo('U0OWNER1').at(-1)?.text).toContain(words);
  });

  it('when the approver clears their delegation, then it is gone, audited, the delegate is told, and new cards go to the approvers alone', async () => {
    await delegate('U0OWNER1', 'U0REQ2', day(3));

    await h.interact(homeClick('U0OWNER1', ACTION.clearDelegation, 'clear'));
    await h.settled();

    expect(await delegations()).toEqual([]);
    const { rows } = await h.db.pool.query(`select actor, action, details ->> 'delegate' as delegate from audit_events order by id`);
    expect(rows.map((row) => `${row.action}/${row.actor}/${row.delegate}`)).toEqual(['delegation.set/U0OWNER1/U0REQ2', 'delegation.cleared/U0OWNER1/U0REQ2']);
    const lines = h.logs.map((line) => JSON.parse(line)).filter((line) => line.msg === 'audit event');
    expect(lines.map((line) => `${line.event}/${line.actor}`)).toEqual(['delegation.set/U0OWNER1', 'delegation.cleared/U0OWNER1']);
    expect(postsTo('U0REQ2').at(-1)?.text).toBe('<@U0OWNER1> is back: their approvals are no longer delegated to you.');
    expect(lastHome('U0OWNER1').text).toContain(ACTION.saveDelegation);

    await submit('U0REQ1', viewer);
    expect(cardsTo('U0REQ2')).toEqual([]);
    expect(await click('U0REQ2')).toContain('You are not an approver of this step of AR-1001');
  });
});

describe('cards and decisions', () => {
  it('when a request is routed to an approver with a delegate, then the delegate gets the card too, it says so, and the delegate may approve', async () => {
    await delegate('U0OWNER1', 'U0REQ2', day(3));

    await submit('U0REQ1', viewer);

    expect(cardsTo('U0OWNER1')).toHaveLength(1);
    expect(cardsTo('U0OWNER2')).toHaveLength(1);
    const [card] = cardsTo('U0REQ2');
    expect(JSON.stringify(card?.blocks)).toMatch(/Delegated by <@U0OWNER1> until <!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^>]+>: <@U0REQ2> may decide too/);
    expect(JSON.stringify(cardsTo('U0OWNER2')[0]?.blocks)).toContain('Delegated by <@U0OWNER1>');

    h.slack.reset();
    expect(await click('U0REQ2')).toBe('');
    expect(await status()).toEqual({ status: 'approved', current_step: 1 });
    expect((await h.db.pool.query(`select actor from audit_events where action = 'step.approved'`)).rows).toEqual([{ actor: 'U0REQ2' }]);
    // Every copy, the delegate's included, shows the decision and loses its buttons.
    const cards = h.slack.called('chat.update').filter((u) => ['D0OWNER1', 'D0OWNER2', 'D0REQ2'].includes(u.channel));
    expect(cards).toHaveLength(3);
    for (const update of cards) expect(JSON.stringify(update.blocks)).toContain('Approved by <@U0REQ2>');
  });

  it('when the delegation was set after the cards went out, then no card is sent to the delegate', async () => {
    await submit('U0REQ1', viewer);
    await delegate('U0OWNER1', 'U0REQ2', day(3));
    await settle();
    expect(cardsTo('U0REQ2')).toEqual([]);
  });

  it('when the delegate is the requester, then they get no card and may not approve', async () => {
    await delegate('U0OWNER1', 'U0REQ1', day(3));

    await submit('U0REQ1', viewer);

    expect(cardsTo('U0REQ1')).toEqual([]);
    expect(JSON.stringify(cardsTo('U0OWNER1')[0]?.blocks)).not.toContain('Delegated by');
    expect(await click('U0REQ1')).toContain('Nobody approves their own request');
    expect(await status()).toEqual({ status: 'pending', current_step: 0 });
  });

  it('when the delegate decided an earlier step, then they get no card for the next and may not decide it', async () => {
    await delegate('U0SEC1', 'U0OWNER1', day(3));
    await submit('U0REQ1', admin);
    await click('U0OWNER1');
    expect(await status()).toEqual({ status: 'pending', current_step: 1 });

    expect(cardsTo('U0SEC1')).toHaveLength(1);
    expect(cardsTo('U0OWNER1')).toHaveLength(1); // the owner step's card only
    expect(await click('U0OWNER1', 1001, 1)).toContain('You already decided an earlier step of AR-1001');
    expect(await status()).toEqual({ status: 'pending', current_step: 1 });
  });

  it('when a security reviewer has a delegate, then the security card goes to the delegate and the delegate approves the last step', async () => {
    await delegate('U0SEC1', 'U0COORD1', day(3));
    await submit('U0REQ1', admin);
    await click('U0OWNER1');

    expect(cardsTo('U0COORD1')).toHaveLength(1);
    expect(await click('U0COORD1', 1001, 1)).toBe('');
    expect(await status()).toEqual({ status: 'approved', current_step: 2 });
  });
});

describe('reminders and the end of a delegation', () => {
  it('while it holds, reminders go to the delegate too; past its day, the delegate is neither reminded nor may decide, and new cards skip them', async () => {
    h.clock.setTo(comingUtc(WED, 9)); // 10:00 in Berlin: working hours
    await delegate('U0OWNER1', 'U0REQ2', day(0));
    await submit('U0REQ1', viewer);
    expect(cardsTo('U0REQ2')).toHaveLength(1);

    await h.runJobs('remind-step');
    const reminded = () => h.slack.called('chat.postMessage').filter((p) => String(p.text).includes('Reminder')).map((p) => p.channel).sort();
    expect(reminded()).toEqual(['U0OWNER1', 'U0OWNER2', 'U0REQ2']);
    expect(h.slack.called('chat.getPermalink').map((call) => call.channel)).toContain('D0REQ2');

    // Thursday 10:00 in Berlin: the delegation ended at midnight.
    h.clock.advance(24 * 3_600_000);
    h.slack.reset();
    // The step's reminder once more, as Agenda would run it (a job may not repeat itself).
    await h.latchkey.deps.scheduler.schedule('remind-step', { requestId: 1001, stepIndex: 0, round: 2 }, h.clock.now());
    await h.runJobs('remind-step');
    expect(reminded()).toEqual(['U0OWNER1', 'U0OWNER2']);

    expect(await click('U0REQ2')).toContain('You are not an approver of this step of AR-1001');
    await submit('U0REQ1', admin);
    expect(cardsTo('U0REQ2')).toEqual([]);
    expect(lastHome('U0OWNER1').text).toContain(ACTION.saveDelegation);
  });
});
