/** Keeping people's Homes up to date. */
import type { UserId } from '../../domain/types.js';

export interface HomePublisher {
  /**
   * Publishes these people's Homes soon, coalescing repeats: a burst of changes costs each
   * person one publish. Only Homes already shown are kept current; `fromTheirHome` says the
   * people are looking at theirs now (they clicked on it). Never throws; a Home that cannot
   * be published is logged.
   */
  republish(userIds: readonly UserId[], fromTheirHome?: boolean): void;
  /** True when some Home is being kept current here: otherwise nobody's needs republishing. */
  watching(): boolean;
  /** Publishes one person's Home now (they just opened it). */
  publishNow(userId: UserId): Promise<void>;
}
