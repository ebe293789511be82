/**
 * Contract: asking the drafting advisor is an effect of storing the request, carried out
 * after the request's cards and news. A process that dies after storing the request and
 * before asking loses nothing: the next process asks, and the cards show the suggestion.
 */
import nock from 'nock';
import { afterEach, expect, it } from 'vitest';
import { asUserId } from '../../src/domain/types.js';
import { firstEffects, prepareRequest } from '../../src/operations/submit-request.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const LLM = 'https://llm.test';
const ENV = { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: `${LLM}/v1`, OPENAI_MODEL: 'test-model', OPENAI_TIMEOUT_MS: '1500' };
const narrower = { role_id: 'admin', duration_minutes: 60, rationale: 'One refund takes minutes, not a working day.', flags: [] };

const open: Harness[] = [];
// The second harness shares the first one's database and Slack: close it first.
afterEach(async () => {
  for (const h of open.reverse()) await h.close();
  open.length = 0;
  nock.cleanAll();
});

function completion(answer: unknown) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'test-model-2026',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer), refusal: null } }],
    usage: { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 },
  };
}

it('when the process dies after storing a request and before asking the advisor, then the next process asks it after the cards go out, and the cards show the suggestion', async () => {
  const first = await startHarness({ env: ENV });
  open.push(first);
  await first.latchkey.stop();
  // What the listener stores; the process is gone before any effect is carried out.
  const input = { requesterId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'admin', durationMinutes: 480, purpose: 'Refund the duplicate invoice INV-204' };
  const request = await prepareRequest(first.latchkey.deps, input);
  await first.latchkey.deps.store.createRequest(request, { actor: input.requesterId, action: 'request.submitted', surface: 'modal' }, firstEffects);
  expect((await first.db.pool.query(`select kind from effects where status = 'pending' order by id`)).rows.map((row) => row.kind)).toEqual(['route_step', 'advise_draft']);

  nock(LLM).post('/v1/chat/completions').reply(200, completion(narrower));
  const second = await startHarness({ env: ENV, shared: first });
  open.push(second);
  await second.effectsDone();

  const { rows } = await second.db.pool.query("select action from audit_events where action <> 'credential.refused' order by id");
  expect(rows.map((row) => row.action)).toEqual(['request.submitted', 'step.routed', 'draft.advised']);
  const cardUpdate = JSON.stringify(second.slack.called('chat.update').find((update) => update.channel === 'D0OWNER1')?.blocks);
  expect(cardUpdate).toContain('*Suggested*\\nAdministrator · 1 h');
});
