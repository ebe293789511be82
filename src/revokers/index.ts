/**
 * Picks each system's revoker from its catalog entry. Every revoker is built when Latchkey
 * starts, so a webhook whose secret is missing or weak stops the start-up, not a revocation
 * weeks later.
 */
import type { WebClient } from '@slack/web-api';
import type { Catalog } from '../domain/types.js';
import type { Directory, GrantSystem, Revoker, Revokers } from '../operations/ports.js';
import type { Database } from '../store/database.js';
import { createManualRevoker, type TaskRef } from './manual.js';
import { createUsergroupRevoker } from './slack-usergroup.js';
import { createWebhookRevoker } from './webhook.js';

export interface RevokersOptions {
  client: WebClient;
  catalog: Catalog;
  directory: Directory;
  record: (ref: TaskRef) => Promise<void>;
  /** Where user-group revokers keep their claims and take their lock. */
  database: Pick<Database, 'pool' | 'embedded'>;
  /** Environment values by name, where webhook revokers find their `secret_env`. */
  secrets: Record<string, string | undefined>;
  /** Makes webhook event ids unique to this installation. */
  installationId: string;
  fetch?: typeof fetch;
}

/**
 * A receiver verifies our HMAC with this secret: a short one can be guessed offline from a
 * single captured event, and the example's placeholder is known to everyone.
 */
export const MIN_SECRET_LENGTH = 32;
export const PLACEHOLDER_SECRET = 'replace-with-a-long-random-string';

/** One line per webhook revoker whose secret is unset, too short or the placeholder; none when all are fit. */
export function checkRevokerSecrets(catalog: Catalog, secrets: Record<string, string | undefined>): string[] {
  return catalog.systems.flatMap((system) => {
    const problem = secretProblem(system, secrets);
    return problem ? [problem] : [];
  });
}

/** Why a system's webhook revoker cannot sign safely, or undefined when it can (or is no webhook). */
export function secretProblem(system: GrantSystem, secrets: Record<string, string | undefined>): string | undefined {
  const { revoker } = system;
  if (revoker.type !== 'webhook') return undefined;
  const why = weakness(secrets[revoker.secretEnv]);
  return why && `systems ${system.id}: revoker secret ${revoker.secretEnv} ${why}`;
}

function weakness(secret: string | undefined): string | undefined {
  const hint = 'try: openssl rand -hex 32';
  if (!secret) return 'is not set';
  if (secret === PLACEHOLDER_SECRET) return `is the placeholder from .env.example (${hint})`;
  if (secret.length < MIN_SECRET_LENGTH) return `is too short (at least ${MIN_SECRET_LENGTH} characters; ${hint})`;
  return undefined;
}

/** Throws, listing every unfit secret at once, when a webhook revoker cannot sign safely. */
export function createRevokers(options: RevokersOptions): Revokers {
  const problems = checkRevokerSecrets(options.catalog, options.secrets);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const built = new Map<string, Revoker>();
  // Keyed by the revoker's settings too: a grant made before a catalog edit ends through
  // the revoker it was granted with.
  const revokerFor = (system: GrantSystem): Revoker => {
    const key = `${system.id}:${JSON.stringify(system.revoker)}`;
    const known = built.get(key);
    if (known) return known;
    const revoker = build(system, options);
    built.set(key, revoker);
    return revoker;
  };
  options.catalog.systems.forEach(revokerFor);
  return revokerFor;
}

function build(system: GrantSystem, options: RevokersOptions): Revoker {
  const { revoker } = system;
  switch (revoker.type) {
    case 'manual':
      return createManualRevoker(options);
    case 'slack_usergroup':
      return createUsergroupRevoker({ ...options.database, client: options.client, usergroup: revoker.usergroup, directory: options.directory });
    case 'webhook': {
      const secret = options.secrets[revoker.secretEnv];
      const problem = secretProblem(system, options.secrets);
      if (problem || !secret) throw new Error(problem);
      return createWebhookRevoker({ url: revoker.url, secret, installationId: options.installationId, ...(options.fetch ? { fetch: options.fetch } : {}) });
    }
  }
}
