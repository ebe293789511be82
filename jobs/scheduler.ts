/**
 * Agenda, on the same database as everything else, behind the Scheduler port. Jobs are
 * unique per name and data, so scheduling again moves a job instead of adding a twin, and
 * Agenda's row locks keep two processes from running one job twice.
 */
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { JobData, Scheduler } from '../src/operations/ports.js';
import type { Database } from '../src/store/database.js';

export interface AgendaOptions {
  /** How often to look for due jobs; embedded PGlite can't notify, so it polls. */
  processEveryMs: number;
  /** The job runner lost its LISTEN connection; it reconnects by itself meanwhile. */
  onNotificationError(error: Error): void;
}

export function createAgenda(database: Database, options: AgendaOptions): Agenda {
  const backend = new PostgresBackend({ pool: database.pool, disableNotifications: database.embedded });
  // Unheard, the channel's 'error' event would throw and end the process whenever the
  // server drops connections (a restart, a failover); polling carries on meanwhile.
  backend.notificationChannel?.on('error', options.onNotificationError);
  return new Agenda({ backend, processEvery: options.processEveryMs, defaultLockLifetime: 5 * 60_000, removeOnComplete: true });
}

export function agendaScheduler(agenda: Agenda): Scheduler {
  return {
    async schedule(job, data, at) {
      await agenda.create(job, data).unique(uniqueKey(data)).schedule(at).save();
    },
    async isScheduled(job, data) {
      const { jobs } = await agenda.queryJobs({ name: job, data, limit: 1 });
      return jobs.some((found) => found.nextRunAt !== null && found.nextRunAt !== undefined);
    },
  };
}

function uniqueKey(data: JobData): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined).map(([key, value]) => [`data.${key}`, value]));
}

/**
 * Frees every job lock. Only for a database this process owns alone (an embedded one under
 * its lock file): any lock there was left by a process that died, and its jobs can run now.
 */
export async function releaseJobLocks(database: Database): Promise<void> {
  await database.pool.query(
    `do $$ begin
       if to_regclass('agenda_jobs') is not null then update agenda_jobs set locked_at = null where locked_at is not null; end if;
     end $$`,
  );
}
