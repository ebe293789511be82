/**
 * The audit chain read back: events in chain order, each field rendered as text exactly as
 * migration 7 hashes it, and the walk that checks every link.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { checkLink, type ChainEvent, type ChainFault, type ChainHead } from '../domain/audit-chain.js';
import type { AuditRange } from '../domain/audit-export.js';
import type { AuditTrail } from '../operations/ports.js';

/**
 * Renderings that must stay byte for byte those of `audit_event_hash()` in migration 7.
 * Their names hide the columns' in ORDER BY: order by `audit_events.seq`, not `seq` (text).
 */
const EVENT_FIELDS = `id::text as id, seq::text as seq, prev_hash as "prevHash",
  to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor, action, surface,
  request_id::text as "requestId", before::text as before, after::text as after, details::text as details, hash`;

const PAGE = 1000;

/** The chain's events in order, a page at a time, within `range` when given. */
export async function* readChain(db: pg.Pool | pg.PoolClient, range: AuditRange = {}): AsyncGenerator<ChainEvent[]> {
  for (let after = '0'; ;) {
    const { rows } = await db.query<ChainEvent>(
      `select ${EVENT_FIELDS} from audit_events
       where seq > $1 and ($2::timestamptz is null or at >= $2) and ($3::timestamptz is null or at < $3)
       order by audit_events.seq limit ${PAGE}`,
      [after, range.from ?? null, range.until ?? null],
    );
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.seq!;
  }
}

export type ChainVerdict =
  | { intact: true; events: number; head?: string }
  | { intact: false; events: number; event: ChainEvent; fault: ChainFault };

/**
 * Walks the whole chain in one snapshot, so writers carrying on meanwhile cannot make it
 * look broken. `events` counts those that held before the first fault.
 */
export async function verifyAuditChain(pool: pg.Pool): Promise<ChainVerdict> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const verdict = await walk(client);
    await client.query('commit');
    return verdict;
  } finally {
    client.release();
  }
}

async function walk(client: pg.PoolClient): Promise<ChainVerdict> {
  let head: ChainHead | undefined;
  let events = 0;
  for await (const page of readChain(client)) {
    for (const event of page) {
      const fault = checkLink(head, event, sha256);
      if (fault) return { intact: false, events, event, fault };
      head = { seq: Number(event.seq), hash: event.hash! };
      events += 1;
    }
  }
  const { rows } = await client.query<ChainEvent>(`select ${EVENT_FIELDS} from audit_events where seq is null order by audit_events.id limit 1`);
  if (rows[0]) return { intact: false, events, event: rows[0], fault: 'not_in_chain' };
  return { intact: true, events, ...(head ? { head: head.hash } : {}) };
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The AuditTrail port: a reviewer's export, whole, in chain order. */
export function createAuditTrail(pool: pg.Pool): AuditTrail {
  return {
    async readEvents(range) {
      const events: ChainEvent[] = [];
      for await (const page of readChain(pool, range)) events.push(...page);
      return events;
    },
  };
}
