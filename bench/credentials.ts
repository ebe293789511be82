/**
 * Credential detector: accuracy on the fixture corpus and a held-out set, throughput and
 * latency on a realistic chat mix, and the worst time on 100 KB adversarial inputs.
 */
import { detectCredentials } from '../src/domain/credentials/detect-credentials.js';
import {
  CREDENTIALS_CORPUS,
  CREDENTIALS_HOLDOUT,
  seededRandom,
  type CorpusEntry,
} from '../test/fixtures/credentials-corpus.js';
import type { BenchResult } from './result.js';
import { percentile, round } from './stats.js';

const MIX_SIZE = 20_000;
const SECRET_SHARE = 0.02;
const ADVERSARIAL_SIZE = 100_000;

interface Accuracy {
  precision: number;
  recall: number;
}

/** Finding-level and kind-aware: a right place with the wrong kind counts as a miss and a false alarm. */
function accuracy(entries: readonly CorpusEntry[]): Accuracy {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const entry of entries) {
    const expected = [...entry.expect];
    for (const finding of detectCredentials(entry.text)) {
      const at = expected.indexOf(finding.kind);
      if (at === -1) falsePositives++;
      else {
        truePositives++;
        expected.splice(at, 1);
      }
    }
    falseNegatives += expected.length;
  }
  const ratio = (n: number, d: number): number => (d === 0 ? 100 : Math.round((10_000 * n) / d) / 100);
  return {
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
  };
}

const SENTENCES = [
  'can someone approve AR-{n}? I need it before the release',
  'deploying api v2.{n}.0 to prod at 14:00 UTC',
  'thanks, works now 🙏',
  'my password expired again, who resets it?',
  'the token endpoint moved to /oauth/v2/token',
  'is the staging db down? getting ECONNREFUSED 10.0.3.{n}:5432',
  'see <https://wiki.acme.io/runbooks/db-{n}|the runbook> before you touch the replicas',
  '<@U0{n}ABC> can you take a look at this one?',
  'commit 3f786850e387550fdab836ed7e6dc881de2{n} fixed it',
  'request id 6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f{n} failed with a 502',
  'lgtm, merging',
  'reminder: access reviews are due Friday, please check your roles',
  'the API key rotation is scheduled for next week, no action needed',
  'I think the secret santa budget is $20 this year',
  'password: see 1Password, vault "Prod DB"',
  'we use ${{ secrets.DEPLOY_TOKEN }} in the workflow, never paste it here',
  '```const token = await getToken();\nconst res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });```',
  'p99 latency went from 180ms to 240ms after the upgrade',
  'postgres://app@db.internal:5432/app is the read replica',
  'who owns the datadog dashboard for checkout?',
  'the key rotation job failed at 03:00, retrying',
  'Can I get read-only on billing for {n} hours to debug the invoice export?',
  'ok',
  'standup: finished the migration, today on the flaky test, no blockers',
  'the new hire starts Monday, please add them to #eng-onboarding',
];

/**
 * Chat of varied length, from one word to a long paragraph, with links, mentions, ids and
 * code. The sentences are already in Slack's markup: links and mentions wrapped, no bare `&`.
 */
function cleanMessage(random: () => number): string {
  const sentences = 1 + Math.floor(random() ** 2 * 12);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const template = SENTENCES[Math.floor(random() * SENTENCES.length)] ?? 'ok';
    parts.push(template.replace('{n}', String(Math.floor(random() * 9000) + 1000)));
  }
  return parts.join(random() < 0.3 ? '\n' : ' ');
}

function realisticMix(): string[] {
  const random = seededRandom(0xbe7c4);
  const positives = CREDENTIALS_CORPUS.filter((entry) => entry.expect.length > 0).map((entry) => entry.text);
  const negatives = CREDENTIALS_CORPUS.filter((entry) => entry.expect.length === 0).map((entry) => entry.text);
  return Array.from({ length: MIX_SIZE }, () => {
    const roll = random();
    if (roll < SECRET_SHARE) return positives[Math.floor(random() * positives.length)] ?? '';
    if (roll < 0.2) return negatives[Math.floor(random() * negatives.length)] ?? '';
    return cleanMessage(random);
  });
}

function adversarialInputs(): string[] {
  const fill = (unit: string): string => unit.repeat(Math.ceil(ADVERSARIAL_SIZE / unit.length)).slice(0, ADVERSARIAL_SIZE);
  return [
    'a', '=', '-----BEGIN ', '-----BEGIN RSA PRIVATE KEY-----\n', 'password:', 'password: ',
    'the password is ', 'password for the ', 'https://a:b@', 'http://u:p@http://u:p@x/', '&lt;https://',
    'eyJhbGciOiJIUzI1NiJ9.', 'AbC+/9', 'api_key = ', 'Authorization: Bearer ', 'password: "',
    'password: “', '&lt;password&gt;x',
    'password: hunter2! AKIA1234567890ABCDEF ghp_ xoxb- eyJ postgres://u:p@h ',
  ].map(fill);
}

export async function benchCredentials(): Promise<BenchResult[]> {
  const corpus = accuracy(CREDENTIALS_CORPUS);
  const holdout = accuracy(CREDENTIALS_HOLDOUT);

  const mix = realisticMix();
  for (const message of mix.slice(0, 2_000)) detectCredentials(message); // let the JIT settle
  const times: number[] = [];
  const started = performance.now();
  for (const message of mix) {
    const t0 = performance.now();
    detectCredentials(message);
    times.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;

  let adversarialWorst = 0;
  for (const input of adversarialInputs()) {
    const t0 = performance.now();
    detectCredentials(input);
    adversarialWorst = Math.max(adversarialWorst, performance.now() - t0);
  }

  return [
    { name: 'precision on the corpus', value: corpus.precision, unit: '%', target: '>= 99 %' },
    { name: 'recall on the corpus', value: corpus.recall, unit: '%', target: '>= 99 %' },
    { name: 'precision on the held-out set', value: holdout.precision, unit: '%', target: '>= 90 %' },
    { name: 'recall on the held-out set', value: holdout.recall, unit: '%', target: '>= 90 %' },
    {
      name: 'throughput on chat (2% with secrets)',
      value: Math.round((mix.length / elapsed) * 1000),
      unit: 'msg/s',
      target: '>= 20000 msg/s',
    },
    { name: 'p99 per message', value: round(percentile(times, 99), 3), unit: 'ms', target: '< 20 ms' },
    { name: 'max per message', value: round(Math.max(...times), 3), unit: 'ms', target: '< 20 ms' },
    { name: 'worst 100 KB adversarial input', value: round(adversarialWorst, 1), unit: 'ms', target: '< 20 ms' },
  ];
}
