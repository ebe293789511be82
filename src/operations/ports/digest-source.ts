/** What the daily digest is made from. */
import type { DigestInput } from '../../domain/digest.js';

/** What the daily digest is made from: open requests, revocations needing people, a day's numbers. */
export interface DigestSource {
  read(now: Date, dayStart: Date, dayEnd: Date): Promise<Omit<DigestInput, 'now' | 'today'>>;
}
