/** The audit chain read back, for the people who review it. */
import type { ChainEvent } from '../../domain/audit-chain.js';
import type { AuditRange } from '../../domain/audit-export.js';

export interface AuditTrail {
  /** Events within the range, in chain order. */
  readEvents(range: AuditRange): Promise<ChainEvent[]>;
}
