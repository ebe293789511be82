/**
 * Contract: `/access list` answers privately with the very blocks of the Home's requester
 * section (open requests with Cancel, access held with Release now and Request an
 * extension, recently ended), within a message's Block Kit limits, and its Cancel works
 * like the Home's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { appHomeOpened, cardClick, denySubmission, homeClick, requestSubmission, type RequestFields } from '../helpers/payloads.js';

const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const admin: RequestFields = { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund a duplicate charge' };
const analyst: RequestFields = { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Monthly report' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());


/** The Home's requester section: every block before the first divider. */
async function requesterSection(user: string): Promise<Record<string, any>[]> {
  await h.event(appHomeOpened(user));
  await h.settled();
  const blocks: Record<string, any>[] = h.slack.called('views.publish').filter((call) => call.user_id === user).at(-1)?.view.blocks ?? [];
  const divider = blocks.findIndex((block) => block.type === 'divider');
  return divider === -1 ? blocks : blocks.slice(0, divider);
}

async function listReply(user: string): Promise<Record<string, any>> {
  h.slack.responses.length = 0;
  const res = await h.command(user, 'list');
  expect(res.status).toBe(200);
  await h.settled();
  return h.slack.responses.at(-1)!.body;
}

describe('/access list', () => {
  it('when a person has open, held and ended requests, then the reply is the Home requester section, block for block', { timeout: 60_000 }, async () => {
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    await h.interactAndWait(requestSubmission('U0REQ1', admin));
    await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1002, 0));
    await h.interactAndWait(cardClick('U0SEC1', ACTION.approve, 1002, 1));
    await h.interactAndWait(homeClick('U0OWNER2', ACTION.provisioned, '1002'));
    await h.interactAndWait(requestSubmission('U0REQ1', analyst));
    await h.interactAndWait(denySubmission('U0OWNER3', 1003, 'Ask the client first'));

    const home = await requesterSection('U0REQ1');
    const reply = await listReply('U0REQ1');

    expect(reply.blocks).toEqual(home);
    expect(blockKitViolations('message', reply.blocks)).toEqual([]);
    const text = JSON.stringify(reply.blocks);
    for (const [action, value] of [[ACTION.cancelRequest, '1001'], [ACTION.releaseGrant, '1002'], [ACTION.requestExtension, '1002']]) {
      expect(text).toContain(`"action_id":"${action}","text":`);
      expect(text).toContain(`"value":"${value}"`);
    }
    expect(text).toContain(':x: denied by <@U0OWNER3>');
  });

  it('when Cancel is pressed in the reply, then the request is cancelled; pressed again, it is refused beside the reply', async () => {
    await h.interactAndWait(requestSubmission('U0REQ1', viewer));
    const reply = await listReply('U0REQ1');
    const cancel = reply.blocks.find((block: any) => block.accessory?.action_id === ACTION.cancelRequest)?.accessory;
    expect(cancel?.value).toBe('1001');
    const press = { ...cardClick('U0REQ1', ACTION.cancelRequest, 1001), actions: [{ type: 'button', action_id: cancel.action_id, block_id: 'home:open:1001', value: cancel.value, action_ts: '1700000001.000200' }] };

    await h.interactAndWait(press);
    expect((await h.db.pool.query('select status from requests where id = 1001')).rows[0].status).toBe('cancelled');

    h.slack.reset();
    await h.interactAndWait(press);
    expect(h.slack.replies()).toEqual([expect.stringContaining('nothing was changed')]);
    expect(h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0REQ1')).toEqual([]);
  });
});
