/** Where approvers' delegations live; setting and clearing one is audited with it. */
import type { Delegation, UserId } from '../../domain/types.js';
import type { Surface } from './store.js';

export interface Delegations {
  /** The delegations of any of `approvers` that still hold at `now`. */
  holding(approvers: readonly UserId[], now: Date): Promise<Delegation[]>;
  /** Sets the approver's delegation, replacing any earlier one, with a `delegation.set` audit event. */
  set(delegation: Delegation, at: Date, surface: Surface): Promise<void>;
  /** Ends the approver's delegation now, with a `delegation.cleared` audit event; undefined when there was none. */
  clear(approver: UserId, at: Date, surface: Surface): Promise<Delegation | undefined>;
}
