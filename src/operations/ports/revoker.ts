/** Putting access in place on a system and taking it away again. */
import type { Grant, Role, System } from '../../domain/types.js';

/** A system as a grant knows it: the catalog entry without its other roles. */
export type GrantSystem = Omit<System, 'roles'>;

/** A grant with the catalog entries it was made under and the grantee's email, for revokers. */
export interface GrantView {
  grant: Grant;
  system: GrantSystem;
  role: Role;
  /** Captured at grant time: webhook receivers match accounts by it. */
  email?: string;
  /** A manual task that owners left undone too long goes to security instead. */
  escalate?: boolean;
}

/**
 * Provisions and removes access on a system. Each call may be repeated after a crash and
 * must change nothing the second time; it throws when the attempt failed and should be
 * retried.
 */
export interface Revoker {
  /** 'granted' when access is in place now; 'task_sent' when a person must set it up. */
  grant(view: GrantView): Promise<'granted' | 'task_sent'>;
  /** 'removed' when removal is confirmed; 'task_sent' when a person must do it. */
  revoke(view: GrantView): Promise<'removed' | 'task_sent'>;
  /** An approved extension took over the same access with a later end. */
  extend(view: GrantView): Promise<void>;
}

/** A revoker for each catalog revoker type, chosen per system; throws when it cannot be built. */
export type Revokers = (system: GrantSystem) => Revoker;
