/**
 * The schema, as ordered migrations applied at start-up. One SQL dialect: everything here
 * runs unchanged on PostgreSQL and on embedded PGlite.
 */
import type pg from 'pg';
import { inTransaction } from './transaction.js';

export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      create table requests (
        id integer generated always as identity (start with 1001) primary key,
        requester_id text not null,
        system_id text not null,
        role_id text not null,
        duration_minutes integer not null check (duration_minutes > 0),
        purpose text not null,
        needed_by date,
        project_tag text,
        status text not null,
        steps jsonb not null,
        current_step integer not null,
        draft jsonb not null,
        block_reason text,
        version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );
      -- One open request per person and role, even when two submissions race.
      create unique index requests_one_open on requests (requester_id, system_id, role_id)
        where status in ('pending', 'blocked');
      create index requests_by_requester on requests (requester_id, id desc);
      create index requests_by_status on requests (status);

      create table audit_events (
        id bigint generated always as identity primary key,
        at timestamptz not null,
        actor text not null,
        action text not null,
        surface text not null,
        request_id integer references requests (id),
        before jsonb,
        after jsonb
      );
      create index audit_events_by_request on audit_events (request_id, id);
      -- Append-only: history cannot be rewritten through the application's connection.
      create function audit_events_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_events is append-only'; end $$;
      create trigger audit_events_append_only before update or delete on audit_events
        for each row execute function audit_events_append_only();

      create table slack_messages (
        channel text not null,
        ts text not null,
        request_id integer not null references requests (id),
        kind text not null,
        -- The approval step a card was sent for; null for other messages.
        step integer,
        primary key (channel, ts)
      );
      create index slack_messages_by_request on slack_messages (request_id);
    `,
  },
  {
    version: 2,
    sql: `
      -- What an event was about beyond the request: for a refused credential, its kind,
      -- fingerprint and where it was seen. Never the credential itself.
      alter table audit_events add column details jsonb;
      -- Slack may deliver a message event twice; one credential in one message is one attempt.
      create unique index audit_events_credential_once
        on audit_events ((details ->> 'channel'), (details ->> 'ts'), (details ->> 'fingerprint'))
        where action = 'credential.refused';
    `,
  },
  {
    version: 3,
    sql: `
      create table grants (
        request_id integer primary key references requests (id),
        user_id text not null,
        system_id text not null,
        role_id text not null,
        collection text not null,
        granted_at timestamptz not null,
        expires_at timestamptz not null,
        status text not null,
        revoke_reason text,
        revoked_by text,
        revoked_at timestamptz,
        attempts integer not null default 0,
        version integer not null
      );
      create index grants_by_status_expiry on grants (status, expires_at);
      create index grants_by_user on grants (user_id, status);
      alter table requests add column extends_request_id integer references requests (id);
    `,
  },
  {
    version: 4,
    sql: `
      -- One lifecycle a person can read: provisioning → active → ending → ended, and the two
      -- failure states that need people. The reason an ended grant ended is kept beside it.
      alter table grants rename column revoke_reason to end_reason;
      alter table grants rename column revoked_by to ended_by;
      alter table grants rename column revoked_at to ended_at;
      update grants set status = 'ending' where status = 'revoking';
      update grants set status = 'ended' where status = 'revoked';
      update grants set end_reason = 'revoked' where end_reason = 'revoked_by_owner';
      -- What the grant needs to end without the catalog: the system and role as granted
      -- (revoker included) and the grantee's email as Slack knew it at grant time.
      alter table grants add column snapshot jsonb;
      alter table grants add column email text;
      drop index grants_by_status_expiry;
      create index grants_live_by_expiry on grants (expires_at) where status in ('active', 'provisioning', 'provisioning_failed');

      -- The transactional outbox: every effect of a state change, written in the change's
      -- transaction and carried out after commit, at least once, under its idempotency key.
      create table effects (
        id bigint generated always as identity primary key,
        key text not null unique,
        kind text not null,
        request_id integer references requests (id),
        payload jsonb not null default '{}',
        status text not null default 'pending',
        attempts integer not null default 0,
        due_at timestamptz not null,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz not null,
        done_at timestamptz
      );
      create index effects_due on effects (due_at) where status = 'pending';
      create index effects_by_request on effects (request_id);

      -- Drawn once per database: webhook event ids from two installations never collide.
      create table installation (id text primary key, created_at timestamptz not null default now());
      insert into installation (id) values (md5(random()::text || clock_timestamp()::text));

      -- Whom a message was sent to (a user id, or a channel), so that a re-sent effect
      -- posts only to those who have no copy yet.
      alter table slack_messages add column recipient text;

      -- Slack redelivers an event it thinks was missed (X-Slack-Retry-Num); handled once.
      create table slack_events (event_id text primary key, received_at timestamptz not null);
    `,
  },
  {
    version: 5,
    sql: `
      -- Why each person is in a Slack user group Latchkey manages: they were a member before
      -- any grant (request_id null), or a grant of a system's role put them there. A person
      -- leaves the group only when their last claim goes. The system and role let an
      -- extension's end take the claim its predecessor made.
      create table usergroup_members (
        usergroup text not null,
        user_id text not null,
        request_id integer references requests (id),
        system_id text,
        role_id text,
        check ((request_id is null) = (system_id is null) and (request_id is null) = (role_id is null))
      );
      create unique index usergroup_members_once on usergroup_members (usergroup, user_id, coalesce(request_id, 0));

      -- Groups Latchkey disabled because Slack refuses to empty one, with the member Slack
      -- still lists there: they must not come back when the group is enabled again.
      create table usergroups_disabled (
        usergroup text primary key,
        left_member text not null,
        request_id integer not null references requests (id)
      );
    `,
  },
  {
    version: 6,
    sql: `
      -- An approver away: until \`until\`, their steps' new cards and reminders go to the
      -- delegate too. One row per approver; an expired row simply stops applying.
      create table delegations (
        approver text primary key,
        delegate text not null check (delegate <> approver),
        until timestamptz not null,
        set_at timestamptz not null
      );
    `,
  },
  {
    version: 7,
    sql: `
      -- The hash chain (README, "The audit chain"): each event carries its place in the
      -- chain, the hash of the event before it, and the SHA-256 of its canonical form.
      alter table audit_events add column seq bigint, add column prev_hash text, add column hash text;
      create unique index audit_events_chain on audit_events (seq);

      create function audit_field(value text) returns text language sql immutable as $$
        select case when value is null then '-' else octet_length(value)::text || ':' || value end || chr(10) $$;

      -- The same bytes as canonicalEvent() in src/domain/audit-chain.ts.
      create function audit_event_hash(e audit_events) returns text language sql stable as $$
        select encode(sha256(convert_to('latchkey-audit-v1' || chr(10)
          || audit_field(e.id::text) || audit_field(e.seq::text) || audit_field(e.prev_hash)
          || audit_field(to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
          || audit_field(e.actor) || audit_field(e.action) || audit_field(e.surface) || audit_field(e.request_id::text)
          || audit_field(e.before::text) || audit_field(e.after::text) || audit_field(e.details::text), 'UTF8')), 'hex') $$;

      -- Puts one event at the head of the chain. The lock makes writers take turns, and each
      -- statement here reads the head as committed after the lock was granted, so two
      -- transactions never link to the same predecessor (the unique seq would refuse it).
      create function audit_events_link(e audit_events) returns void language plpgsql as $$
        declare head_seq bigint; head_hash text;
        begin
          perform pg_advisory_xact_lock(7438207);
          select seq, hash into head_seq, head_hash from audit_events where seq is not null order by seq desc limit 1;
          e.seq := coalesce(head_seq, 0) + 1;
          e.prev_hash := head_hash;
          update audit_events set seq = e.seq, prev_hash = e.prev_hash, hash = audit_event_hash(e) where id = e.id;
        end $$;

      create function audit_events_seal() returns trigger language plpgsql as $$
        begin perform audit_events_link(new); return null; end $$;
      -- At commit rather than at insert: the chain's lock is then held only while committing,
      -- never while the transaction waits for a row another writer holds, so it cannot
      -- deadlock; and every writer, single statements with CTEs included, is covered.
      create constraint trigger audit_events_seal after insert on audit_events
        deferrable initially deferred for each row execute function audit_events_seal();

      -- The only update ever allowed: sealing an event of one's own uncommitted transaction,
      -- which fills the chain columns and nothing else.
      create function audit_events_seal_only() returns trigger language plpgsql as $$
        begin
          if old.hash is null and (new.id, new.at, new.actor, new.action, new.surface, new.request_id, new.before, new.after, new.details)
              is not distinct from (old.id, old.at, old.actor, old.action, old.surface, old.request_id, old.before, old.after, old.details) then
            return new;
          end if;
          raise exception 'audit_events is append-only';
        end $$;
      drop trigger audit_events_append_only on audit_events;
      create trigger audit_events_append_only before delete on audit_events
        for each row execute function audit_events_append_only();
      create trigger audit_events_seal_only before update on audit_events
        for each row execute function audit_events_seal_only();
      create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_append_only();

      -- Events written before the chain join it in the order they were written.
      do $$ declare e audit_events;
        begin for e in select * from audit_events order by id loop perform audit_events_link(e); end loop; end $$;
    `,
  },
  {
    version: 8,
    sql: `
      -- One run of a recurring job per period (the digest of one day), whichever of several
      -- processes gets there first: the claim and the run's effect commit together.
      create table job_runs (job text not null, period text not null, claimed_at timestamptz not null, primary key (job, period));
    `,
  },
  {
    version: 10,
    sql: `
      -- The effect that posted a message (a step's reply in the requester's news thread), so
      -- that the effect carried out again after a crash posts nothing more.
      alter table slack_messages add column effect text;
      create unique index slack_messages_by_effect on slack_messages (effect) where effect is not null;
      -- "Usually decided in": a system's latest decisions without reading the whole log.
      create index audit_events_decisions on audit_events ((before ->> 'systemId'), at desc)
        where action in ('step.approved', 'step.approved_suggested', 'step.denied');
    `,
  },
  {
    version: 9,
    sql: `
      -- Who asked on the grantee's behalf (a project packet's coordinator): never an approver of it.
      alter table requests add column requested_by text;

      -- Project packets: a project's required access, requested for every member at once.
      create table packets (
        id integer generated always as identity primary key,
        name text not null,
        template_id text not null,
        coordinator_id text not null,
        members jsonb not null,
        planned_start date not null,
        project_end date,
        client_owned boolean not null,
        start_warning_minutes integer not null,
        status text not null,
        created_at timestamptz not null,
        closed_at timestamptz,
        -- The coordinator's tracker message, updated in place.
        tracker_channel text,
        tracker_ts text
      );
      create index packets_open on packets (project_end) where status = 'open';

      -- One item per member, system and role: the request it became (none when a stop gate
      -- held it), and what only the item knows: verified, declined, flagged as late, asked.
      create table packet_items (
        id integer generated always as identity primary key,
        packet_id integer not null references packets (id),
        member_id text not null,
        system_id text not null,
        role_id text not null,
        duration_minutes integer not null,
        needed_by date,
        request_id integer unique references requests (id),
        gate text,
        gate_reason text,
        verified_at timestamptz,
        verified_by text,
        declined_at timestamptz,
        flagged_at timestamptz,
        asked_at timestamptz
      );
      create index packet_items_by_packet on packet_items (packet_id);
    `,
  },
  {
    version: 11,
    sql: `
      -- Which effect tells the member of the item (claimed before the DM goes, so two effects
      -- never list it twice) and when it did. A claim with no told_at is taken up again by the
      -- same effect's retry: a crash mid-send repeats the DM rather than losing it. Items stored
      -- before this were told straight after their packet was created.
      alter table packet_items add column told_by text;
      alter table packet_items add column told_at timestamptz;
      update packet_items i set told_by = 'created', told_at = p.created_at from packets p where p.id = i.packet_id;
      -- The project channel the coordinator chose for the tracker; their DM when null.
      alter table packets add column project_channel text;
    `,
  },
  {
    version: 12,
    sql: `
      -- A submission is recorded before Slack is answered, under the id its request will be
      -- stored with a moment later: the outbox may name a request that does not exist yet.
      alter table effects drop constraint effects_request_id_fkey;
      -- One submission per person and role waits to be stored at a time, as one open request
      -- does once stored: two submissions racing are told apart before either is acknowledged.
      create unique index effects_one_submission
        on effects ((payload -> 'input' ->> 'requesterId'), (payload -> 'input' ->> 'systemId'), (payload -> 'input' ->> 'roleId'))
        where kind = 'submit_request' and status = 'pending';
    `,
  },
];

/** The versions not yet applied, in order: every one on a database never migrated. */
export async function pendingMigrations(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ present: boolean }>("select to_regclass('schema_migrations') is not null as present");
  const applied = rows[0]?.present ? (await pool.query<{ version: number }>('select version from schema_migrations')).rows.map((row) => row.version) : [];
  return MIGRATIONS.map((m) => m.version).filter((version) => !applied.includes(version));
}

/**
 * Applies the migrations not yet applied, under a lock so parallel starts don't race;
 * resolves with the versions it applied.
 */
export function migrate(pool: pg.Pool): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock(7438201)');
    await client.query(
      'create table if not exists schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await client.query<{ version: number }>('select version from schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const pending = MIGRATIONS.filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('insert into schema_migrations (version) values ($1)', [migration.version]);
    }
    return pending.map((m) => m.version);
  });
}
