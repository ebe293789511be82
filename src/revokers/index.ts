/**
 * Picks each system's revoker from its catalog entry. Every revoker is built when Latchkey
 * starts, so a webhook whose secret is missing stops the start-up, not a revocation weeks later.
 */
import type { WebClient } from '@slack/web-api';
import type { Catalog, System } from '../domain/types.js';
import type { Directory, Revoker, Revokers } from '../operations/ports.js';
import { createManualRevoker, type TaskRef } from './manual.js';
import { createUsergroupRevoker } from './slack-usergroup.js';
import { createWebhookRevoker } from './webhook.js';

export interface RevokersOptions {
  client: WebClient;
  catalog: Catalog;
  directory: Directory;
  record: (ref: TaskRef) => Promise<void>;
  /** Environment values by name, where webhook revokers find their `secret_env`. */
  secrets: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

/** One line per webhook revoker whose secret is unset or empty; none when all are there. */
export function checkRevokerSecrets(catalog: Catalog, secrets: Record<string, string | undefined>): string[] {
  return catalog.systems.flatMap((system) => {
    const problem = secretProblem(system, secrets);
    return problem ? [problem] : [];
  });
}

function secretProblem(system: System, secrets: Record<string, string | undefined>): string | undefined {
  const { revoker } = system;
  if (revoker.type !== 'webhook' || secrets[revoker.secretEnv]) return undefined;
  return `systems ${system.id}: revoker secret ${revoker.secretEnv} is not set`;
}

/** Throws, listing every missing secret at once, when a webhook revoker cannot sign. */
export function createRevokers(options: RevokersOptions): Revokers {
  const problems = checkRevokerSecrets(options.catalog, options.secrets);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const built = new Map<string, Revoker>();
  const revokerFor = (system: System): Revoker => {
    const known = built.get(system.id);
    if (known) return known;
    const revoker = build(system, options);
    built.set(system.id, revoker);
    return revoker;
  };
  options.catalog.systems.forEach(revokerFor);
  return revokerFor;
}

function build(system: System, options: RevokersOptions): Revoker {
  const { revoker } = system;
  switch (revoker.type) {
    case 'manual':
      return createManualRevoker(options);
    case 'slack_usergroup':
      return createUsergroupRevoker({ client: options.client, usergroup: revoker.usergroup });
    case 'webhook': {
      const secret = options.secrets[revoker.secretEnv];
      const problem = secretProblem(system, options.secrets);
      if (problem || !secret) throw new Error(problem);
      return createWebhookRevoker({ url: revoker.url, secret, ...(options.fetch ? { fetch: options.fetch } : {}) });
    }
  }
}
