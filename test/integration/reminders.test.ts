/**
 * Contract: a waiting step's reminder reaches each approver in their own working hours
 * (09:00–18:00 on a weekday, in the time zone Slack gives for them); one outside them is
 * reminded at their next 09:00 instead, and not at all if the step was decided meanwhile.
 * A reminder for a card in a channel is a reply in the card's thread; for a card sent by DM
 * it carries a link to that card. Escalations are never held back, link a channel card and
 * leave a note in its thread. Time is a test clock set to chosen moments.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { comingUtc } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, requestSubmission, type RequestFields } from '../helpers/payloads.js';

const SAT = 6;
const WED = 3;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // Set before anyone is looked up: the bot caches people for minutes.
  const zones: Record<string, string> = { U0OWNER1: 'America/Los_Angeles', U0OWNER2: 'Asia/Tokyo', U0CMS1: 'Europe/Berlin', U0CMS2: 'America/New_York' };
  for (const [id, tz] of Object.entries(zones)) h.slack.people.set(id, { ...h.slack.people.get(id)!, id, tz });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const editor: RequestFields = { system: 'cms', role: 'editor', minutes: 1440, purpose: 'Publish the launch page' };

async function submit(fields: RequestFields) {
  await h.interact(requestSubmission('U0REQ1', fields));
  await h.settled();
  await h.effectsDone();
}

const posts = () => h.slack.called('chat.postMessage');
const postsTo = (channel: string) => posts().filter((p) => p.channel === channel);
const reminders = () => posts().filter((p) => String(p.text).includes('Reminder'));
/** The ts of request 1001's approval card in `channel`, as the bot recorded it. */
const cardTs = async (channel: string) =>
  (await h.db.pool.query("select ts from slack_messages where request_id = 1001 and kind = 'approval_card' and channel = $1", [channel])).rows[0]?.ts as string | undefined;

async function heldReminders() {
  const { rows } = await h.db.pool.query("select data, next_run_at from agenda_jobs where name = 'remind-step' and next_run_at is not null");
  return rows.map((row) => ({ approver: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data).approver, at: new Date(row.next_run_at) }));
}

/** "Mon 09:00": the weekday and time `at` shows in `tz`. */
const localTime = (at: Date, tz: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).replace(',', '');

describe('reminders by DM', () => {
  it('when one approver is in working hours and the other is at night, then the first is reminded now with a link to their card, the other at their 09:00', async () => {
    const wednesday = comingUtc(WED, 18); // 10:00 in Los Angeles, 03:00 Thursday in Tokyo
    h.clock.setTo(wednesday);
    await submit(viewer);

    await h.runJobs('remind-step');

    const [toLa, ...others] = reminders();
    expect(others).toEqual([]);
    expect(toLa?.channel).toBe('U0OWNER1');
    const laCard = h.slack.called('chat.getPermalink').find((call) => call.channel === 'D0OWNER1');
    expect(laCard?.message_ts).toBeDefined();
    expect(toLa?.text).toMatch(/^:alarm_clock: Reminder: \*AR-1001\* .* has waited \d+ min for your decision\. <https:\/\/latchkey-test\.slack\.com\/archives\/D0OWNER1\/p\d+\|Open the card>$/);
    expect(toLa?.text).not.toContain('above');

    const held = await heldReminders();
    expect(held.map((job) => job.approver)).toEqual(['U0OWNER2']);
    expect(localTime(held[0]!.at, 'Asia/Tokyo')).toBe('Thu 09:00');

    h.clock.setTo(held[0]!.at);
    h.slack.reset();
    await h.runJobs('remind-step');

    expect(reminders().map((p) => p.channel)).toEqual(['U0OWNER2']);
    expect(reminders()[0]?.text).toContain('/archives/D0OWNER2/');
    expect(await heldReminders()).toEqual([]);
  });

  it('when the reminder falls on a weekend, then it waits for Monday 09:00 in each approver\'s zone, while the escalation goes at once', async () => {
    h.clock.setTo(comingUtc(SAT, 12));
    await submit(viewer);

    await h.runJobs('remind-step');
    expect(reminders()).toEqual([]);
    const held = await heldReminders();
    expect(Object.fromEntries(held.map((job) => [job.approver, localTime(job.at, job.approver === 'U0OWNER1' ? 'America/Los_Angeles' : 'Asia/Tokyo')]))).toEqual({
      U0OWNER1: 'Mon 09:00',
      U0OWNER2: 'Mon 09:00',
    });

    await h.runJobs('escalate-step');
    for (const who of ['U0SEC1', 'U0SEC2', 'U0COORD1']) expect(postsTo(who).at(-1)?.text).toMatch(/^:rotating_light: \*AR-1001\* .* has waited/);
  });

  it('when the step is decided before a held reminder is due, then nobody is reminded', async () => {
    h.clock.setTo(comingUtc(SAT, 12));
    await submit(viewer);
    await h.runJobs('remind-step');
    expect(await heldReminders()).toHaveLength(2);

    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
    await h.settled();
    await h.effectsDone();
    h.slack.reset();
    await h.runJobs('remind-step');

    expect(reminders()).toEqual([]);
  });
});

describe('reminders and escalations for a card in a channel', () => {
  it('when the card is in the approval channel, then reminders are replies in its thread naming the approvers in working hours, and the rest later', async () => {
    h.clock.setTo(comingUtc(WED, 9)); // 10:00 in Berlin, 04:00 in New York
    await submit(editor);
    const card = await cardTs('C0CMSAPPROVALS');
    expect(card).toBeDefined();

    await h.runJobs('remind-step');

    const [now, ...others] = reminders();
    expect(others).toEqual([]);
    expect(now).toMatchObject({ channel: 'C0CMSAPPROVALS', thread_ts: card });
    expect(now?.text).toMatch(/^:alarm_clock: Reminder: <@U0CMS1>: \*AR-1001\* .* for a decision\. Approve or deny on the card this thread belongs to\.$/);
    expect(now?.text).not.toContain('U0CMS2');
    expect(postsTo('U0CMS1')).toEqual([]);

    const [held] = await heldReminders();
    expect(held?.approver).toBe('U0CMS2');
    expect(localTime(held!.at, 'America/New_York')).toBe('Wed 09:00');
    h.clock.setTo(held!.at);
    h.slack.reset();
    await h.runJobs('remind-step');
    expect(reminders()).toMatchObject([{ channel: 'C0CMSAPPROVALS', thread_ts: now!.thread_ts, text: expect.stringMatching(/^:alarm_clock: Reminder: <@U0CMS2>: /) }]);
  });

  it('when the step is escalated, then security and the coordinators get a link to the channel card and the thread gets a note', async () => {
    h.clock.setTo(comingUtc(SAT, 23));
    await submit(editor);
    const card = await cardTs('C0CMSAPPROVALS');

    await h.runJobs('escalate-step');

    for (const who of ['U0SEC1', 'U0SEC2', 'U0COORD1']) {
      expect(postsTo(who).at(-1)?.text).toMatch(/Please chase it or decide\. <https:\/\/latchkey-test\.slack\.com\/archives\/C0CMSAPPROVALS\/p\d+\|Open the card>$/);
    }
    const note = postsTo('C0CMSAPPROVALS').filter((p) => p.thread_ts);
    expect(note).toMatchObject([{ thread_ts: card }]);
    expect(note[0]?.text).toMatch(/^:rotating_light: \*AR-1001\* has waited .* security and the coordinators have been told\.$/);
  });
});
