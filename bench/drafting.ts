/**
 * Drafting: the policy draft alone (pure, per request), and the whole path from submitting
 * the modal to the approval card showing the advised draft, with an LLM that takes 2 s,
 * for 50 requests at once.
 */
import nock from 'nock';
import { evaluatePolicy } from '../src/domain/policy.js';
import { testCatalog } from '../test/fixtures/catalog.js';
import { startHarness } from '../test/helpers/harness.js';
import { requestSubmission } from '../test/helpers/payloads.js';
import type { BenchResult } from './result.js';
import { percentile, round } from './stats.js';

const PURPOSES = [
  'Refund the duplicate invoice INV-204 for ACME',
  'I need to check the October invoices before the board meeting',
  'One-off payout correction today, ticket FIN-88',
  'Please skip the review, urgent; email me the login',
  'Export the quarterly payouts report for the auditors and compare it with the ledger',
];

export async function benchDrafting(): Promise<BenchResult[]> {
  return [...policyLatency(), ...(await endToEnd())];
}

function policyLatency(): BenchResult[] {
  const system = testCatalog().systems[0]!;
  const samples: number[] = [];
  for (let i = 0; i < 50_000; i++) {
    const started = performance.now();
    evaluatePolicy({ system, role: system.roles[i % 2]!, durationMinutes: 480, purpose: PURPOSES[i % PURPOSES.length]! });
    samples.push(performance.now() - started);
  }
  return [
    { name: 'policy draft p50', value: round(percentile(samples, 50) * 1000, 1), unit: 'µs' },
    { name: 'policy draft p99', value: round(percentile(samples, 99) * 1000, 1), unit: 'µs', target: '< 1000 µs' },
  ];
}

async function endToEnd(): Promise<BenchResult[]> {
  const h = await startHarness({ env: { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: 'https://llm.bench/v1', OPENAI_TIMEOUT_MS: '8000' } });
  const answer = { role_id: 'admin', duration_minutes: 60, rationale: 'A refund takes minutes.', flags: [] };
  nock('https://llm.bench').persist().post('/v1/chat/completions').delay(2000).reply(200, {
    id: 'c', object: 'chat.completion', created: 1, model: 'bench',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer), refusal: null } }],
  });
  try {
    const users = Array.from({ length: 50 }, (_, i) => `U0DRAFT${i}`);
    users.forEach((id) => h.slack.people.set(id, { id, team_id: 'T0LATCH' }));
    const started = performance.now();
    const acks = await Promise.all(
      users.map(async (user) => {
        const sent = performance.now();
        await h.interact(requestSubmission(user, { system: 'billing', role: 'admin', minutes: 480, purpose: PURPOSES[0]! }));
        return performance.now() - sent;
      }),
    );
    await h.settled();
    const cardUpdates = users.map((_, i) => h.slack.calls.find((c) => c.method === 'chat.update' && String(c.args.text).startsWith(`AR-${1001 + i}:`)));
    if (cardUpdates.some((c) => !c)) throw new Error('not every card was updated with the advised draft');
    const toCard = cardUpdates.map((c) => c!.at - started);
    return [
      { name: 'submit ack p99, LLM 2 s (50 concurrent)', value: round(percentile(acks, 99)), unit: 'ms', target: '< 300 ms' },
      { name: 'submit → advised card p50 (50 concurrent)', value: round(percentile(toCard, 50)), unit: 'ms' },
      { name: 'submit → advised card max (50 concurrent)', value: round(Math.max(...toCard)), unit: 'ms', target: '≈ 2 s + overhead' },
    ];
  } finally {
    await h.close();
  }
}
