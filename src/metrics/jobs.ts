/** Times the scheduled jobs this process runs, from Agenda's own events. */
import { Job, type Agenda } from 'agenda';
import type { Metrics } from './metrics.js';

export function timeJobs(agenda: Agenda, metrics: Pick<Metrics, 'jobs'>): void {
  const observe = (job: unknown, outcome: 'ok' | 'error') => {
    // On PostgreSQL another process's job events arrive here too, as plain notifications:
    // that process counts its own runs.
    if (!(job instanceof Job) || !job.attrs.lastRunAt) return;
    metrics.jobs.observe({ job: job.attrs.name, outcome }, (Date.now() - job.attrs.lastRunAt.getTime()) / 1000);
  };
  agenda.on('success', (job: unknown) => observe(job, 'ok'));
  agenda.on('fail', (_error: unknown, job: unknown) => observe(job, 'error'));
}
