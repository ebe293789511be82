/**
 * Every audit event is also a log line, written once its transaction has committed, with a
 * stable `event` field (the audit action: `request.submitted`, `step.approved`,
 * `grant.revoked`, `credential.refused` …) that log pipelines can count and alert on. Like
 * the audit log it holds no secret and no free text: ids, and a credential's kind and
 * fingerprint only.
 */
import { formatRequestId, type RequestId } from '../domain/types.js';
import type { AuditContext, Delegations, Grants, Log, Packets, Store } from '../operations/ports.js';

type Line = Omit<AuditContext, 'action'> & { event: string; requestId?: RequestId; packet?: number; kind?: string; fingerprint?: string };

const write = (log: Log, { requestId, ...line }: Line): void =>
  log.info({ ...line, ...(requestId ? { request: formatRequestId(requestId) } : {}) }, 'audit event');

/** The store, logging the events of each write that committed. */
export function withAuditLines(store: Store, log: Log): Store {
  return {
    ...store,
    async createRequest(request, audit, effects, recorded) {
      const created = await store.createRequest(request, audit, effects, recorded);
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

/** Approvers' delegations, logging each one set or cleared. */
export function withDelegationAuditLines(delegations: Delegations, log: Log): Delegations {
  return {
    ...delegations,
    async set(delegation, at, surface) {
      await delegations.set(delegation, at, surface);
      write(log, { actor: delegation.approver, surface, event: 'delegation.set' });
    },
    async clear(approver, at, surface) {
      const gone = await delegations.clear(approver, at, surface);
      if (gone) write(log, { actor: approver, surface, event: 'delegation.cleared' });
      return gone;
    },
  };
}

/** Project packets, logging their creation (and each request made for them), verifications and closing. */
export function withPacketAuditLines(packets: Packets, log: Log): Packets {
  return {
    ...packets,
    async createPacket(packet, items, audit, effects) {
      const created = await packets.createPacket(packet, items, audit, effects);
      write(log, { ...audit, event: 'packet.created', packet: created.id });
      for (const { item } of await packets.items(created.id)) {
        if (item.requestId) write(log, { ...audit, event: audit.action, requestId: item.requestId, packet: created.id });
      }
      return created;
    },
    async addItems(addition, audit, effects) {
      const requestIds = await packets.addItems(addition, audit, effects);
      if (requestIds) {
        write(log, { ...audit, event: 'packet.items_added', packet: addition.packetId });
        for (const requestId of requestIds) write(log, { ...audit, event: audit.action, requestId, packet: addition.packetId });
      }
      return requestIds;
    },
    async verify(requestId, by, at, effects) {
      const verified = await packets.verify(requestId, by, at, effects);
      if (verified) write(log, { actor: by, surface: 'button', event: 'grant.verified', requestId });
      return verified;
    },
    async close(packetId, by, at) {
      const closed = await packets.close(packetId, by, at);
      if (closed) write(log, { actor: by, surface: by === 'latchkey' ? 'job' : 'button', event: 'packet.closed', packet: packetId });
      return closed;
    },
  };
}
