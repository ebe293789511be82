/**
 * The doctor's checks beyond Slack (the database, the LLM endpoint, webhook receivers), and
 * the list the doctor runs, in the order its report reads.
 */
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { secretProblem } from '../revokers/index.js';
import { webhookHeaders } from '../revokers/webhook.js';
import { pendingMigrations } from '../store/migrations.js';
import { openCliDatabase } from './database-env.js';
import { checkAdminToken, checkChannels, checkPeople, checkScopes, checkToken, checkUsergroups } from './doctor-slack-checks.js';
import type { DoctorCheck, Finding } from './doctor-types.js';

const TEST_EVENT_TIMEOUT_MS = 5_000;

export const checkDatabase: DoctorCheck = async ({ env }) => {
  let database;
  try {
    // Read-only: the doctor reports pending migrations, it does not apply them.
    database = await openCliDatabase(env, { migrate: false });
  } catch (error) {
    return [{ ok: false, text: `the database cannot be opened: ${(error as Error).message}`, fix: 'check DATABASE_URL (or DATA_DIR: an embedded database opens in one process at a time, so stop the bot or run the doctor where it can)' }];
  }
  try {
    const pending = await pendingMigrations(database.pool);
    const kind = database.embedded ? 'embedded' : 'PostgreSQL';
    if (pending.length === 0) return [{ ok: true, text: `the ${kind} database answers and its migrations are current` }];
    return [{ ok: false, text: `the ${kind} database answers but migrations ${pending.join(', ')} are not applied`, fix: 'run npx latchkey migrate (the bot also applies them when it starts)' }];
  } finally {
    await database.close();
  }
};

export const checkOpenAi: DoctorCheck = async ({ config }) => {
  const openai = config.openai;
  if (!openai) return [{ ok: true, text: 'no OPENAI_API_KEY: drafts come from the catalog policy alone' }];
  const where = openai.baseUrl ? new URL(openai.baseUrl).host : 'api.openai.com';
  try {
    const client = new OpenAI({ apiKey: openai.apiKey, baseURL: openai.baseUrl, timeout: openai.timeoutMs, maxRetries: 0 });
    const models = (await client.models.list()).data.map((model) => model.id);
    // Some compatible servers list nothing; only a list without the model is a finding.
    if (models.length > 0 && !models.includes(openai.model)) {
      return [{ ok: false, text: `${where} answers but does not offer ${openai.model}`, fix: `set OPENAI_MODEL to one it offers (${models.slice(0, 5).join(', ')}${models.length > 5 ? ', …' : ''})` }];
    }
    return [{ ok: true, text: `${where} answers (model ${openai.model})` }];
  } catch (error) {
    return [{ ok: false, text: `${where} does not answer as an OpenAI-compatible API (${openAiFailure(error)})`, fix: 'check OPENAI_BASE_URL and OPENAI_API_KEY, or unset OPENAI_API_KEY to draft from policy alone' }];
  }
};

/** The status alone: an API's error message may quote part of the key it refused. */
function openAiFailure(error: unknown): string {
  if (error instanceof OpenAI.APIError && error.status) return `HTTP ${error.status}`;
  return error instanceof OpenAI.APIConnectionTimeoutError ? 'no answer in time' : 'no connection';
}

/** Each webhook revoker gets a signed `latchkey.test` event, which a receiver answers 2xx and acts on never. */
export const checkWebhooks: DoctorCheck = async ({ catalog, env }) =>
  Promise.all(
    catalog.systems.flatMap((system) => {
      const { revoker } = system;
      if (revoker.type !== 'webhook') return [];
      const problem = secretProblem(system, env);
      if (problem) return [Promise.resolve<Finding>({ ok: false, text: problem, fix: `set ${revoker.secretEnv} (in .env) to a random string of 32 or more characters: openssl rand -hex 32` })];
      return [sendTestEvent(system.id, revoker.url, env[revoker.secretEnv]!)];
    }),
  );

async function sendTestEvent(systemId: string, url: string, secret: string): Promise<Finding> {
  // Only the host: a path or query may hold a token of the receiver's.
  const what = `the webhook receiver of ${systemId} (${new URL(url).host})`;
  const id = `evt_test_${randomUUID().replaceAll('-', '')}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id, type: 'latchkey.test', created_at: new Date(timestamp * 1000).toISOString() });
  const fix = 'make the receiver answer 2xx to a correctly signed latchkey.test event (and change nothing for it); see "Webhook revoker events" in the README';
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: webhookHeaders(secret, id, timestamp, body),
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TEST_EVENT_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { ok: true, text: `${what} accepted a signed test event` };
    return { ok: false, text: `${what} answered a signed test event with HTTP ${response.status}`, fix };
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${TEST_EVENT_TIMEOUT_MS} ms` : 'network error';
    return { ok: false, text: `${what} did not answer a signed test event (${reason})`, fix };
  }
}

/** The report's lines come in this order. */
export const CHECKS: DoctorCheck[] = [checkToken, checkScopes, checkAdminToken, checkChannels, checkUsergroups, checkPeople, checkDatabase, checkOpenAi, checkWebhooks];
