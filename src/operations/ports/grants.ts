/** Grants as the use cases read them, and the expiry sweep's batch change. */
import type { Effect } from '../../domain/effects.js';
import type { Grant, RequestId, UserId } from '../../domain/types.js';
import type { AuditContext } from './store.js';

export interface Grants {
  getGrant(requestId: RequestId): Promise<Grant | undefined>;
  /** Grants not ended, optionally only one person's. */
  listLiveGrants(userId?: UserId): Promise<Grant[]>;
  /** Active grants whose end has passed, oldest first. */
  listExpired(now: Date, limit: number): Promise<Grant[]>;
  /**
   * Grants stuck since before `before`: ending with no removal, or provisioning with no
   * provisioning, pending or done (a crash before the outbox existed, a lost failure).
   */
  listStuckEnding(before: Date): Promise<Grant[]>;
  /**
   * Many grants' changes of one kind in one transaction (the expiry sweep): each applied
   * only over the version read, with its audit event and its effects. Returns those applied.
   */
  commitMany(moves: GrantMove[], effectsOf: (grant: Grant) => Effect[], audit: Omit<AuditContext, 'action'> & { at: Date }): Promise<Grant[]>;
}

export interface GrantMove {
  before: Grant;
  after: Grant;
  action: string;
}
