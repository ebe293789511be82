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
