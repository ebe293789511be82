/**
 * Project packets in SQL. A packet is created whole, with all its items' requests in one
 * transaction; items keep what only they know (verified, declined, flagged), the rest is
 * read from the requests and grants they link to.
 */
import type pg from 'pg';
import type { Effect } from '../domain/effects.js';
import type { Packet, PacketItem } from '../domain/packets/packet.js';
import { asRequestId, asUserId, type AccessRequest } from '../domain/types.js';
import type { ItemRecord, NewPacketItem, Packets } from '../operations/ports/packets.js';
import type { AuditContext } from '../operations/ports/store.js';
import { appendAudit } from './audit-log.js';
import { insertEffects } from './commit.js';
import { GRANT_COLUMNS, toGrant, type GrantRow } from './grant-store.js';
import { insertRequests, REQUEST_COLUMNS, toRequest, type RequestRow } from './request-store.js';
import { inTransaction } from './transaction.js';

const PACKET_COLUMNS = `id, name, template_id, coordinator_id, members, planned_start::text as planned_start, project_end::text as project_end,
  client_owned, start_warning_minutes, status, created_at, closed_at, tracker_channel, tracker_ts, project_channel`;

const ITEM_COLUMNS = `id, packet_id, member_id, system_id, role_id, duration_minutes, needed_by::text as needed_by, request_id, gate, gate_reason,
  verified_at, verified_by, declined_at, flagged_at`;

/**
 * A tracker being posted: claimed, with the time in ms, so two effects at once post one
 * message. A claim left by a process that died while posting lapses after a minute.
 */
const POSTING = 'posting:';

interface PacketRow {
  id: number;
  name: string;
  template_id: string;
  coordinator_id: string;
  members: string[];
  planned_start: string;
  project_end: string | null;
  client_owned: boolean;
  start_warning_minutes: number;
  status: Packet['status'];
  created_at: Date;
  closed_at: Date | null;
  tracker_channel: string | null;
  tracker_ts: string | null;
  project_channel: string | null;
}

interface ItemRow {
  id: number;
  packet_id: number;
  member_id: string;
  system_id: string;
  role_id: string;
  duration_minutes: number;
  needed_by: string | null;
  request_id: number | null;
  gate: 'paused' | 'refused' | null;
  gate_reason: string | null;
  verified_at: Date | null;
  verified_by: string | null;
  declined_at: Date | null;
  flagged_at: Date | null;
}

export function createPacketStore(pool: pg.Pool): Packets {
  const packets = async (where: string, params: unknown[]) =>
    (await pool.query<PacketRow>(`select ${PACKET_COLUMNS} from packets where ${where}`, params)).rows.map(toPacket);
  return {
    createPacket: (packet, items, audit, effects) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<PacketRow>(
          `insert into packets (name, template_id, coordinator_id, members, planned_start, project_end, client_owned, start_warning_minutes, status, created_at,
             project_channel)
           values ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10) returning ${PACKET_COLUMNS}`,
          [packet.name, packet.templateId, packet.coordinatorId, JSON.stringify(packet.members), packet.plannedStart, packet.projectEnd ?? null,
            packet.clientOwned, packet.startWarningMinutes, packet.createdAt, packet.projectChannel ?? null],
        );
        const created = toPacket(rows[0]!);
        await appendAudit(client, { ...audit, action: 'packet.created' }, { at: packet.createdAt, requestId: null, details: { packet: created } });
        await insertItems(client, created.id, items, audit, effects.ofRequest);
        await insertEffects(client, effects.ofPacket(created), packet.createdAt);
        return created;
      }),

    addItems: ({ packetId, seen, joining, items, at }, audit, effects) =>
      inTransaction(pool, async (client) => {
        // Compare-and-swap over what the addition was planned against, under the packet's row lock.
        const { rows: [current] } = await client.query<{ members: string[]; status: string; items: number }>(
          `select members, status, (select count(*) from packet_items where packet_id = $1)::int as items from packets where id = $1 for update`,
          [packetId],
        );
        if (current?.status !== 'open' || current.items !== seen.items || JSON.stringify(current.members) !== JSON.stringify(seen.members)) return undefined;
        const { rows } = await client.query<PacketRow>(
          `update packets set members = $2 where id = $1 returning ${PACKET_COLUMNS}`,
          [packetId, JSON.stringify([...seen.members, ...joining])],
        );
        const stored = toPacket(rows[0]!);
        await appendAudit(client, { ...audit, action: 'packet.items_added' }, { at, requestId: null, details: { packetId, joining, items: items.length } });
        const made = await insertItems(client, packetId, items, audit, effects.ofRequest);
        await insertEffects(client, effects.ofPacket(stored), at);
        return made;
      }),

    getPacket: async (id) => (await packets('id = $1', [id]))[0],

    async findHeld(members) {
      const { rows } = await pool.query<{ member_id: string; system_id: string; role_id: string; request_id: number; kind: 'open' | 'held' }>(
        `select requester_id as member_id, system_id, role_id, id as request_id, 'open' as kind from requests
           where requester_id = any($1::text[]) and status in ('pending', 'blocked')
         union all
         select user_id, system_id, role_id, request_id, 'held' from grants where user_id = any($1::text[]) and status <> 'ended'`,
        [members],
      );
      return rows.map((row) => ({ memberId: asUserId(row.member_id), systemId: row.system_id, roleId: row.role_id, requestId: asRequestId(row.request_id), kind: row.kind }));
    },

    async findByRequest(requestId) {
      const { rows } = await pool.query<ItemRow>(`select ${ITEM_COLUMNS} from packet_items where request_id = $1`, [requestId]);
      const item = rows[0] && toItem(rows[0]);
      const packet = item && (await packets('id = $1', [item.packetId]))[0];
      return packet && item && { packet, item };
    },

    async items(packetId) {
      const [items, requests, grants] = await Promise.all([
        pool.query<ItemRow>(`select ${ITEM_COLUMNS} from packet_items where packet_id = $1 order by id`, [packetId]),
        pool.query<RequestRow>(`select ${REQUEST_COLUMNS} from requests where id in (select request_id from packet_items where packet_id = $1)`, [packetId]),
        pool.query<GrantRow>(`select ${GRANT_COLUMNS} from grants where request_id in (select request_id from packet_items where packet_id = $1)`, [packetId]),
      ]);
      const requestOf = new Map(requests.rows.map((row) => [row.id, toRequest(row)]));
      const grantOf = new Map(grants.rows.map((row) => [row.request_id, toGrant(row)]));
      return items.rows.map((row): ItemRecord => {
        const item = toItem(row);
        const request = item.requestId && requestOf.get(item.requestId);
        const grant = item.requestId && grantOf.get(item.requestId);
        return { item, ...(request ? { request } : {}), ...(grant ? { grant } : {}) };
      });
    },

    listOpen: () => packets(`status = 'open' order by planned_start, id`, []),
    listStartedSince: (day) => packets('planned_start >= $1 order by planned_start, id', [day]),

    async claimTracker(packetId) {
      const { rowCount } = await pool.query(
        `update packets set tracker_ts = $2 || (extract(epoch from now()) * 1000)::bigint
         where id = $1 and (tracker_ts is null
           or (tracker_ts like $2 || '%' and substr(tracker_ts, length($2) + 1)::bigint < extract(epoch from now() - interval '1 minute') * 1000))`,
        [packetId, POSTING],
      );
      return rowCount === 1;
    },

    async setTracker(packetId, ref) {
      await pool.query('update packets set tracker_channel = $2, tracker_ts = $3 where id = $1', [packetId, ref?.channel ?? null, ref?.ts ?? null]);
    },

    async verify(requestId, by, at, effects) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ id: number }>(
          `update packet_items i set verified_at = $2, verified_by = $3 from grants g
           where i.request_id = $1 and g.request_id = i.request_id and g.status = 'active' and i.verified_at is null returning i.id`,
          [requestId, at, by],
        );
        if (rows.length === 0) return false;
        await appendAudit(client, { actor: by, action: 'grant.verified', surface: 'button' }, { at, requestId, details: { verifiedBy: by } });
        await insertEffects(client, effects, at);
        return true;
      });
    },

    async decline(requestId, at) {
      await pool.query('update packet_items set declined_at = $2 where request_id = $1 and declined_at is null', [requestId, at]);
    },

    async flag(itemIds, at) {
      const { rows } = await pool.query<{ id: number }>(
        'update packet_items set flagged_at = $2 where id = any($1::int[]) and flagged_at is null returning id',
        [itemIds, at],
      );
      return rows.map((row) => row.id);
    },

    async claimAsk(requestId, at) {
      const { rowCount } = await pool.query('update packet_items set asked_at = $2 where request_id = $1 and asked_at is null', [requestId, at]);
      return rowCount === 1;
    },

    async releaseAsk(requestId) {
      await pool.query('update packet_items set asked_at = null where request_id = $1', [requestId]);
    },

    async claimNews(packetId, memberId, by) {
      const { rows } = await pool.query<{ id: number }>(
        `update packet_items set told_by = $3 where packet_id = $1 and member_id = $2 and (told_by is null or (told_by = $3 and told_at is null))
         returning id`,
        [packetId, memberId, by],
      );
      return rows.map((row) => row.id);
    },

    async markTold(itemIds, at) {
      await pool.query('update packet_items set told_at = $2 where id = any($1::int[])', [itemIds, at]);
    },

    async releaseNews(itemIds) {
      await pool.query('update packet_items set told_by = null where id = any($1::int[]) and told_at is null', [itemIds]);
    },

    async close(packetId, by, at) {
      return inTransaction(pool, async (client) => {
        const { rowCount } = await client.query(`update packets set status = 'closed', closed_at = $2 where id = $1 and status = 'open'`, [packetId, at]);
        if (rowCount !== 1) return false;
        await appendAudit(client, { actor: by, action: 'packet.closed', surface: by === 'latchkey' ? 'job' : 'button' }, { at, requestId: null, details: { packetId } });
        return true;
      });
    },
  };
}

/** A packet's items, and the requests of those not held by a gate (each with its audit event and effects). */
async function insertItems(client: pg.PoolClient, packetId: number, items: NewPacketItem[], audit: AuditContext, effects: (created: AccessRequest) => Effect[]) {
  const requested = items.filter((item) => item.request);
  const made = await insertRequests(client, requested.map((item) => item.request!), audit, effects);
  const itemRows = items.map((item) => {
    const request = item.request && made[requested.indexOf(item)];
    return {
      packet_id: packetId, member_id: item.memberId, system_id: item.systemId, role_id: item.roleId, duration_minutes: item.durationMinutes,
      needed_by: item.neededBy ?? null, request_id: request?.id ?? null, gate: item.gate?.kind ?? null, gate_reason: item.gate?.reason ?? null,
    };
  });
  await client.query(
    `insert into packet_items (packet_id, member_id, system_id, role_id, duration_minutes, needed_by, request_id, gate, gate_reason)
     select * from jsonb_to_recordset($1::jsonb) as x(packet_id int, member_id text, system_id text, role_id text, duration_minutes int,
       needed_by date, request_id int, gate text, gate_reason text)`,
    [JSON.stringify(itemRows)],
  );
  return made.map((request) => request.id);
}

function toPacket(row: PacketRow): Packet {
  return {
    id: row.id,
    name: row.name,
    templateId: row.template_id,
    coordinatorId: asUserId(row.coordinator_id),
    members: row.members.map(asUserId),
    plannedStart: row.planned_start,
    ...(row.project_end ? { projectEnd: row.project_end } : {}),
    clientOwned: row.client_owned,
    ...(row.project_channel ? { projectChannel: row.project_channel } : {}),
    startWarningMinutes: row.start_warning_minutes,
    status: row.status,
    createdAt: row.created_at,
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    ...(row.tracker_channel && row.tracker_ts && !row.tracker_ts.startsWith(POSTING) ? { tracker: { channel: row.tracker_channel, ts: row.tracker_ts } } : {}),
  };
}

function toItem(row: ItemRow): PacketItem {
  return {
    id: row.id,
    packetId: row.packet_id,
    memberId: asUserId(row.member_id),
    systemId: row.system_id,
    roleId: row.role_id,
    durationMinutes: row.duration_minutes,
    ...(row.needed_by ? { neededBy: row.needed_by } : {}),
    ...(row.request_id ? { requestId: asRequestId(row.request_id) } : {}),
    ...(row.gate ? { gate: { kind: row.gate, reason: row.gate_reason ?? '' } } : {}),
    ...(row.verified_at ? { verifiedAt: row.verified_at } : {}),
    ...(row.verified_by ? { verifiedBy: asUserId(row.verified_by) } : {}),
    ...(row.declined_at ? { declinedAt: row.declined_at } : {}),
    ...(row.flagged_at ? { flaggedAt: row.flagged_at } : {}),
  };
}
