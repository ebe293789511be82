/**
 * Refused credentials in the audit log: one event per credential, with its kind and
 * fingerprint, never its value. A unique index drops redeliveries of the same message.
 */
import type pg from 'pg';
import type { CredentialAttempt } from '../operations/ports.js';
import { appendAudit } from './audit-log.js';
import { inTransaction } from './transaction.js';

export function recordCredentialAttempts(pool: pg.Pool, attempts: CredentialAttempt[]): Promise<CredentialAttempt[]> {
  return inTransaction(pool, async (client) => {
    const fresh: CredentialAttempt[] = [];
    for (const attempt of attempts) {
      const audit = { actor: attempt.poster, action: 'credential.refused', surface: attempt.surface };
      const recorded = await appendAudit(client, audit, { at: attempt.at, requestId: attempt.requestId ?? null, details: details(attempt) });
      if (recorded) fresh.push(attempt);
    }
    return fresh;
  });
}

function details(attempt: CredentialAttempt) {
  return { kind: attempt.kind, fingerprint: attempt.fingerprint, channel: attempt.channel, ts: attempt.ts };
}
