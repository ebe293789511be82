/**
 * Contract: a refused click on a Home is explained to the clicker alone, by DM (a Home has
 * no response_url, and the republish that follows the click would wipe a notice on it),
 * and changes nothing; the same refusal on a card is still answered beside the card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, homeClick, requestSubmission, type RequestFields } from '../helpers/payloads.js';

const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const dmsTo = (user: string) => h.slack.called('chat.postMessage').filter((p) => p.channel === user).map((p) => p.text);
const approvals = async () => (await h.db.pool.query(`select count(*)::int as n from audit_events where action = 'step.approved'`)).rows[0].n;

describe('a refused click on a Home', () => {
  it.each([ACTION.approve, ACTION.deny])('when %s is pressed on a step someone else decided, then the clicker hears why by DM and nothing changes', async (action) => {
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    await h.interactAndWait(homeClick('U0OWNER1', ACTION.approve, '1001:0'));
    h.slack.reset();

    await h.interactAndWait(homeClick('U0OWNER2', action, '1001:0'));

    expect(dmsTo('U0OWNER2')).toEqual(['This step of AR-1001 was already approved by <@U0OWNER1>. Nothing was changed.']);
    expect(h.slack.called('views.open')).toEqual([]);
    expect(await approvals()).toBe(1);
  });

  it('when the same click comes from a card, then it is answered beside the card, not by DM', async () => {
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1001));
    h.slack.reset();

    await h.interactAndWait(cardClick('U0OWNER2', ACTION.approve, 1001));

    expect(h.slack.replies()).toEqual(['This step of AR-1001 was already approved by <@U0OWNER1>. Nothing was changed.']);
    expect(dmsTo('U0OWNER2')).toEqual([]);
  });
});
