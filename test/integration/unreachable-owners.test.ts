/**
 * Contract: a request whose system has no owner Slack knows as an active colleague is
 * blocked with the reason shown to the requester and the coordinators; it is never routed
 * silently to somebody else.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { requestSubmission } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('when the only owner is deactivated, then the request is blocked and the requester and coordinators are told why', async () => {
  h.slack.people.set('U0OWNER3', { id: 'U0OWNER3', team_id: 'T0LATCH', deleted: true });

  await h.interact(requestSubmission('U0REQ1', { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Monthly report' }));
  await h.settled();

  const { rows } = await h.db.pool.query('select status, block_reason from requests');
  expect(rows).toEqual([{ status: 'blocked', block_reason: 'no_reachable_owner' }]);
  const posts = h.slack.called('chat.postMessage');
  expect(posts.map((p) => p.channel).sort()).toEqual(['U0COORD1', 'U0REQ1']);
  expect(posts.find((p) => p.channel === 'U0REQ1')?.text).toContain("none of the system's owners can be reached");
  expect(posts.find((p) => p.channel === 'U0COORD1')?.text).toContain('*AR-1001* (<@U0REQ1>: *Analyst* on *Client Google Ads* for 7 days) is blocked');
});
