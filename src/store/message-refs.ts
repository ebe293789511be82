/**
 * Every Slack message Latchkey posts about a request, by channel and ts, so that a later
 * change can update every copy people may be looking at.
 */
import type pg from 'pg';
import type { RequestId } from '../domain/types.js';

/**
 * Approval cards; the requester's one news message about a request, and each step's reply
 * in its thread (`requester_draft` is that message as older versions recorded it); the
 * grantee's messages with buttons; owners' provisioning and removal tasks; alerts that
 * offer Retry.
 */
export type MessageKind =
  | 'approval_card'
  | 'requester_news'
  | 'requester_news_reply'
  | 'requester_draft'
  | 'grant_message'
  | 'provision_task'
  | 'deprovision_task'
  | 'grant_alert'
  /** A packet member's "Does it work?" about one item's grant. */
  | 'packet_check';

export interface MessageRef {
  channel: string;
  ts: string;
  requestId: RequestId;
  kind: MessageKind;
  /** The approval step a card was sent for. */
  step?: number;
  /** Whom it was sent to: a user id, or the channel named in the catalog. */
  recipient?: string;
  /** The key of the effect that posted it, for messages one effect must post only once. */
  effect?: string;
}

export interface MessageRefs {
  record(ref: MessageRef): Promise<void>;
  /** The request's messages of one kind, or of every kind. */
  list(requestId: RequestId, kind?: MessageKind): Promise<MessageRef[]>;
}

export function createMessageRefs(pool: pg.Pool): MessageRefs {
  return {
    async record(ref) {
      await pool.query(
        `insert into slack_messages (channel, ts, request_id, kind, step, recipient, effect) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict do nothing`,
        [ref.channel, ref.ts, ref.requestId, ref.kind, ref.step ?? null, ref.recipient ?? null, ref.effect ?? null],
      );
    },
    async list(requestId, kind) {
      const { rows } = await pool.query<{ channel: string; ts: string; kind: MessageKind; step: number | null; recipient: string | null; effect: string | null }>(
        'select channel, ts, kind, step, recipient, effect from slack_messages where request_id = $1 and ($2::text is null or kind = $2) order by ts',
        [requestId, kind ?? null],
      );
      return rows.map((row) => ({
        channel: row.channel, ts: row.ts, requestId, kind: row.kind,
        ...(row.step === null ? {} : { step: row.step }),
        ...(row.recipient === null ? {} : { recipient: row.recipient }),
        ...(row.effect === null ? {} : { effect: row.effect }),
      }));
    },
  };
}
