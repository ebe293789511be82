/** How long decisions took lately, read from the audit log. */
import type { StepKind } from '../../domain/types.js';

export interface DecisionTimes {
  /**
   * Minutes from routing to decision of the latest `limit` decided steps of this kind on
   * this system (approved or denied), newest first.
   */
  recentWaits(systemId: string, kind: StepKind, limit: number): Promise<number[]>;
}
