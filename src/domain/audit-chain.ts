/**
 * The audit chain's canonical form and its rule: each event's hash covers its own content
 * and the hash of the event before it, so editing, removing or reordering any event breaks
 * every link after it. The database computes the same bytes when it seals an event
 * (migration 7); this is the specification a verifier recomputes independently.
 */

/** An audit event as the chain hashes it: every field as text, exactly as stored. */
export interface ChainEvent {
  id: string;
  /** Position in the chain, from 1; null for an event that never joined it. */
  seq: string | null;
  /** Hex SHA-256 of the event before; null for the first. */
  prevHash: string | null;
  /** UTC, microseconds: `2026-12-02T09:30:00.123000Z`. */
  at: string;
  actor: string;
  action: string;
  surface: string;
  requestId: string | null;
  /** JSON as PostgreSQL's jsonb renders it as text. */
  before: string | null;
  after: string | null;
  details: string | null;
  hash: string | null;
}

export const CHAIN_FORMAT = 'latchkey-audit-v1';

/**
 * The bytes hashed, as text: the format line, then each field as its UTF-8 byte length,
 * a colon and its text, or `-` for null, each ending in a newline. Lengths make the
 * encoding unambiguous whatever a field contains.
 */
export function canonicalEvent(event: ChainEvent): string {
  const fields = [
    event.id, event.seq, event.prevHash, event.at, event.actor, event.action, event.surface,
    event.requestId, event.before, event.after, event.details,
  ];
  return [CHAIN_FORMAT, ...fields.map((value) => (value === null ? '-' : `${utf8Length(value)}:${value}`))].join('\n') + '\n';
}

/** Why an event breaks the chain. */
export type ChainFault = 'not_in_chain' | 'out_of_sequence' | 'wrong_link' | 'hash_mismatch';

/** The last event checked: what the next one must follow. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Checks one event against the head before it (none for the first), with `sha256` giving
 * the hex digest of a text's UTF-8 bytes; undefined when the event holds.
 */
export function checkLink(head: ChainHead | undefined, event: ChainEvent, sha256: (text: string) => string): ChainFault | undefined {
  if (event.seq === null || event.hash === null) return 'not_in_chain';
  if (Number(event.seq) !== (head?.seq ?? 0) + 1) return 'out_of_sequence';
  if (event.prevHash !== (head?.hash ?? null)) return 'wrong_link';
  if (sha256(canonicalEvent(event)) !== event.hash) return 'hash_mismatch';
  return undefined;
}

export const FAULT_WORDS: Record<ChainFault, string> = {
  not_in_chain: 'it was never sealed into the chain',
  out_of_sequence: 'events are missing before it',
  wrong_link: 'it does not link to the event before it',
  hash_mismatch: 'its hash does not match its content',
};

/** PostgreSQL counts a text's length for the chain in bytes; JavaScript counts UTF-16 units. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
