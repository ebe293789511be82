/**
 * Contract: a request stored just before the process died, before its cards went out, is
 * routed when the bot starts again; nothing is lost and nothing is sent twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newRequest } from '../../src/domain/lifecycle.js';
import { evaluatePolicy } from '../../src/domain/policy.js';
import { asUserId } from '../../src/domain/types.js';
import { testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('when a stored request was never routed, then the next start sends its cards once', async () => {
  const system = testCatalog().systems[0]!;
  const role = system.roles[0]!;
  const input = { requesterId: asUserId('U0REQ1'), systemId: system.id, roleId: role.id, durationMinutes: 1440, purpose: 'Invoices' };
  // The process dies right after the commit: the request and its routing effect are stored.
  await h.latchkey.stop();
  await h.latchkey.deps.store.createRequest(newRequest(input, role, evaluatePolicy({ system, role, durationMinutes: 1440, purpose: input.purpose }), new Date()), {
    actor: input.requesterId, action: 'request.submitted', surface: 'modal',
  }, (created) => [{ kind: 'route_step', requestId: created.id, step: 0 }]);

  const second = await startHarness({ shared: h });
  const third = await startHarness({ shared: h });
  await expect.poll(() => h.slack.called('chat.postMessage').length, { timeout: 5_000 }).toBe(3);
  await second.close();
  await third.close();

  const channels = h.slack.called('chat.postMessage').map((post) => post.channel).sort();
  expect(channels).toEqual(['U0OWNER1', 'U0OWNER2', 'U0REQ1']);
});
