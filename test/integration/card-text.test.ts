/**
 * Contract: through the real app, an approval card shows the purpose exactly as typed (a
 * rich_text quote, so mrkdwn in it restyles nothing), and its buttons carry screen-reader
 * labels naming the request and the requester as Slack knows them.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { requestSubmission } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

it('when a purpose holds mrkdwn, then the card quotes it literally and labels its buttons for the requester', async () => {
  const purpose = '*urgent* close _books_ ~now~ `SELECT *`';
  await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose }));
  await h.settled();
  await h.effectsDone();

  const card = h.slack.called('chat.postMessage').find((p) => p.channel === 'U0OWNER1');
  const blocks = card?.blocks as any[];
  const quote = blocks.find((b) => b.type === 'rich_text').elements.find((e: any) => e.type === 'rich_text_quote');
  expect(quote.elements).toEqual([{ type: 'text', text: purpose }]);
  expect(JSON.stringify(blocks.filter((b) => b.type !== 'rich_text'))).not.toContain('*urgent*');
  const buttons = blocks.find((b) => b.type === 'actions').elements;
  expect(buttons.map((b: any) => [b.action_id, b.accessibility_label])).toEqual([
    [ACTION.approve, 'Approve AR-1001 for u0req1'],
    [ACTION.deny, 'Deny AR-1001 for u0req1'],
  ]);
});
