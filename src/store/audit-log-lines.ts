/**
 * Every audit event is also a log line, written once its transaction has committed, with a
 * stable `event` field (the audit action: `request.submitted`, `step.approved`,
 * `grant.revoked`, `credential.refused` …) that log pipelines can count and alert on. Like
 * the audit log it holds no secret and no free text: ids, and a credential's kind and
 * fingerprint only.
 */
import { formatRequestId, type RequestId } from '../domain/types.js';
import type { AuditContext, Grants, Log, Store } from '../operations/ports.js';

type Line = Omit<AuditContext, 'action'> & { event: string; requestId?: RequestId; kind?: string; fingerprint?: string };

const write = (log: Log, { requestId, ...line }: Line): void =>
  log.info({ ...line, ...(requestId ? { request: formatRequestId(requestId) } : {}) }, 'audit event');

/** The store, logging the events of each write that committed. */
export function withAuditLines(store: Store, log: Log): Store {
  return {
    ...store,
    async createRequest(request, audit, effects) {
      const created = await store.createRequest(request, audit, effects);
      write(log, { ...audit, event: audit.action, requestId: created.id });
      return created;
    },
    async commit(change) {
      const committed = await store.commit(change);
      if (committed) {
        for (const move of [...(change.requests ?? []), ...(change.grants ?? [])]) {
          write(log, { actor: change.actor, surface: change.surface, event: move.action, requestId: 'id' in move.after ? move.after.id : move.after.requestId });
        }
      }
      return committed;
    },
    async updateRequest(before, after, audit, effects) {
      const committed = await store.updateRequest(before, after, audit, effects);
      if (committed) write(log, { ...audit, event: audit.action, requestId: after.id });
      return committed;
    },
    async recordEvent(audit, requestId, details, at) {
      await store.recordEvent(audit, requestId, details, at);
      write(log, { ...audit, event: audit.action, requestId });
    },
    async recordCredentialAttempts(attempts) {
      const fresh = await store.recordCredentialAttempts(attempts);
      for (const { poster, surface, requestId, kind, fingerprint } of fresh) {
        write(log, { actor: poster, surface, event: 'credential.refused', requestId, kind, fingerprint });
      }
      return fresh;
    },
  };
}

/** The grants' batch change, logging the events of the moves it applied. */
export function withGrantAuditLines(grants: Grants, log: Log): Grants {
  return {
    ...grants,
    async commitMany(moves, effectsOf, audit) {
      const applied = await grants.commitMany(moves, effectsOf, audit);
      const done = new Set(applied.map((grant) => grant.requestId));
      for (const move of moves.filter((m) => done.has(m.after.requestId))) {
        write(log, { actor: audit.actor, surface: audit.surface, event: move.action, requestId: move.after.requestId });
      }
      return applied;
    },
  };
}
