/**
 * Every scheduled job: its data is checked, then one use case runs. The recurring ones
 * (reconciliation, the daily digest) have their schedule here beside their work.
 */
import type { Agenda, Job } from 'agenda';
import { z } from 'zod';
import { notifyExpiry } from '../src/operations/notify-expiry.js';
import type { Deps, JobData, JobName } from '../src/operations/ports.js';
import { expireDueGrants } from '../src/operations/expire-due-grants.js';
import { reconcile } from '../src/operations/reconcile.js';
import { sweepPackets } from '../src/operations/sweep-packets.js';
import { queueDailyDigest } from '../src/operations/send-digest.js';
import type { CatalogSettings } from '../src/domain/types.js';
import { escalateStep, remindStep } from '../src/operations/remind-step.js';

const jobData = z.object({
  requestId: z.number().int().positive(),
  stepIndex: z.number().int().min(0).optional(),
  round: z.number().int().min(0).optional(),
  approver: z.string().min(1).max(32).optional(),
});

const RECONCILE = 'reconcile';
const RECONCILE_EVERY = '5 minutes';
const DIGEST = 'send-digest';
const EXPIRE_DUE = 'expire-due-grants';
const EXPIRE_DUE_EVERY = '5 seconds';
const SWEEP_LOCK_MS = 30_000;
/** Late packet items are flagged, and ended projects closed, within a minute. */
const SWEEP_PACKETS = 'sweep-packets';
const SWEEP_PACKETS_EVERY = '1 minute';

const OPERATIONS: Record<JobName, (deps: Deps, data: JobData) => Promise<unknown>> = {
  'remind-step': remindStep,
  'escalate-step': escalateStep,
  'grant-expiry-notice': notifyExpiry,
};

/**
 * Jobs mostly wait on Slack, a webhook or the database, so many run at once: 10,000 grants
 * expiring in the same minute must all be revoked within it.
 */
const CONCURRENCY = 50;

export function defineJobs(agenda: Agenda, deps: Deps): void {
  for (const [name, run] of Object.entries(OPERATIONS)) {
    agenda.define(name, async (job: Job<unknown>) => {
      const data = jobData.safeParse(job.attrs.data);
      if (!data.success) {
        deps.log.warn({ job: name }, 'job with unreadable data skipped');
        return;
      }
      await run(deps, data.data);
    }, { concurrency: CONCURRENCY, lockLimit: CONCURRENCY * 2 });
  }
  // Safe to run twice at once, so a lock left by a process that died may lapse quickly:
  // a crash must not stop expiry for the default lock lifetime of minutes.
  agenda.define(RECONCILE, async () => void (await reconcile(deps)), { lockLifetime: SWEEP_LOCK_MS });
  agenda.define(EXPIRE_DUE, async () => void (await expireDueGrants(deps)), { lockLifetime: SWEEP_LOCK_MS });
  agenda.define(SWEEP_PACKETS, async () => sweepPackets(deps), { lockLifetime: SWEEP_LOCK_MS });
  agenda.define(DIGEST, async () => void (await queueDailyDigest(deps)));
}

/** The recurring jobs; `every` is idempotent, so every process may call it at start. */
export async function scheduleRecurring(agenda: Agenda, settings: CatalogSettings): Promise<void> {
  await agenda.every(RECONCILE_EVERY, RECONCILE);
  await agenda.every(EXPIRE_DUE_EVERY, EXPIRE_DUE);
  await agenda.every(SWEEP_PACKETS_EVERY, SWEEP_PACKETS);
  const [hour, minute] = settings.digestTime.split(':').map(Number);
  await agenda.every(`${minute} ${hour} * * *`, DIGEST, undefined, { timezone: settings.timezone });
}
