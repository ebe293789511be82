/** What Slack knows of people and user groups. */
import type { Person, UserId } from '../../domain/types.js';

export interface Directory {
  person(id: UserId): Promise<Person | undefined>;
  /** The people behind a catalog reference: a user id, or a user group's members. */
  members(ref: string): Promise<UserId[]>;
}
