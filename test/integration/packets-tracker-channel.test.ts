/**
 * Contract: a packet created with a tracker channel has its one tracker posted in that
 * channel, and kept up to date there, instead of the coordinator's DM. When the bot is not a
 * member of the channel, the tracker goes to the coordinator's DM, once, with a note that
 * says why, and is kept up to date there.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { calendarDate } from '../../src/operations/support.js';
import { addDays } from '../../src/operations/time-zone.js';
import { PACKET_TEMPLATE, packetCatalog } from '../fixtures/packet-catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { packetSubmission } from '../helpers/packet-payloads.js';
import { cardClick } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ catalog: packetCatalog() });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const START = addDays(calendarDate(new Date(), 'Europe/Berlin'), 10);
const launch = { name: 'Acme launch', template: PACKET_TEMPLATE, members: ['U0REQ1'], start: START, channel: 'C0ACME' };

const isTracker = (message: Record<string, any>) => /Project access: Acme launch/.test(JSON.stringify(message.blocks));
const trackers = () => h.slack.called('chat.postMessage').filter(isTracker);
const stored = async () => (await h.db.pool.query('select project_channel, tracker_channel from packets')).rows[0];

async function approveAds() {
  const id = (await h.db.pool.query(`select id from requests where system_id = 'ads'`)).rows[0].id;
  await h.interactAndWait(cardClick('U0OWNER3', ACTION.approve, id, 0));
}

it('when a tracker channel is chosen, then the tracker is posted there, once, and updated there', async () => {
  await h.interactAndWait(packetSubmission('U0COORD1', launch));
  expect(trackers().map((post) => post.channel)).toEqual(['C0ACME']);
  expect(await stored()).toEqual({ project_channel: 'C0ACME', tracker_channel: 'C0ACME' });

  await approveAds();
  const updates = h.slack.called('chat.update').filter(isTracker);
  expect(updates.length).toBeGreaterThan(0);
  expect(new Set(updates.map((update) => update.channel))).toEqual(new Set(['C0ACME']));
});

it('when the bot is not in the chosen channel, then the tracker goes to the coordinator\'s DM, once, and they are told why', async () => {
  h.slack.outside.add('C0ACME');
  await h.interactAndWait(packetSubmission('U0COORD1', launch));

  expect(trackers().map((post) => post.channel)).toEqual(['C0ACME', 'U0COORD1']); // the refused try, then the DM
  const note = h.slack.called('chat.postMessage').filter((post) => post.channel === 'U0COORD1' && /couldn't post the tracker in <#C0ACME>/.test(post.text));
  expect(note).toHaveLength(1);
  expect(await stored()).toEqual({ project_channel: 'C0ACME', tracker_channel: 'D0COORD1' });

  await approveAds();
  expect(h.slack.called('chat.update').filter(isTracker).at(-1)?.channel).toBe('D0COORD1');
});

it('when no channel is chosen, then the tracker goes to the coordinator\'s DM as before', async () => {
  await h.interactAndWait(packetSubmission('U0COORD1', { ...launch, channel: undefined }));
  expect(trackers().map((post) => post.channel)).toEqual(['U0COORD1']);
  expect((await stored()).project_channel).toBeNull();
});
