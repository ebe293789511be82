/**
 * The schema, as ordered migrations applied at start-up. One SQL dialect: everything here
 * runs unchanged on PostgreSQL and on embedded PGlite.
 */
import type pg from 'pg';
import { inTransaction } from './transaction.js';

const MIGRATIONS: { version: number; sql: string }[] = [
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
];

/** Applies the migrations not yet applied, under a lock so parallel starts don't race. */
export function migrate(pool: pg.Pool): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock(7438201)');
    await client.query(
      'create table if not exists schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await client.query<{ version: number }>('select version from schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS.filter((m) => !applied.has(m.version))) {
      await client.query(migration.sql);
      await client.query('insert into schema_migrations (version) values ($1)', [migration.version]);
    }
  });
}
