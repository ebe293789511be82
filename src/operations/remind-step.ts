import { blockerAgeMinutes } from '../domain/digest.js';
import { asRequestId, type AccessRequest, type UserId } from '../domain/types.js';
import type { Deps, JobData } from './ports.js';
import { remindeesOf } from './delegates.js';
import { notifySafely } from './support.js';
import { isTimeZone, nextWorkingTime } from './working-hours.js';

/**
 * Reminds the approvers of a step that has waited `remind_after`, each in their own working
 * hours: those outside them now get a reminder of their own at their next 09:00 (a job per
 * approver, since a job may not reschedule itself). That job sends when it runs, without
 * checking the hours again, so a reminder can never be put off forever.
 */
export async function remindStep(deps: Deps, job: JobData): Promise<void> {
  const request = await deps.store.getRequest(asRequestId(job.requestId));
  if (!stillWaiting(request, job.stepIndex)) return;
  const now = deps.clock.now();
  const approvers = (await remindeesOf(deps, request, now)).filter((approver) => !job.approver || approver === job.approver);
  const later = await Promise.all(approvers.map(async (approver) => (job.approver ? undefined : nextWorkingTime(now, await timeZoneOf(deps, approver)))));
  const due: UserId[] = [];
  for (const [index, approver] of approvers.entries()) {
    const at = later[index];
    if (at) await deps.scheduler.schedule('remind-step', { requestId: request.id, stepIndex: request.currentStep, approver }, at);
    else due.push(approver);
  }
  if (due.length === 0) return;
  const waited = blockerAgeMinutes(request, now);
  await notifySafely(deps, request, () => deps.notifier.remindApprovers(request, waited, due));
}

/** Tells security and the coordinators about a step that has waited `escalate_after`; never held back. */
export const escalateStep = (deps: Deps, job: JobData) => nudge(deps, job, (request, waited) => deps.notifier.escalate(request, waited));

/**
 * The approver's time zone as Slack has it (`users.info` `tz`); the catalog's when Slack
 * gives none, an unknown one, or cannot be asked: a guess at their hours beats none.
 */
export async function timeZoneOf(deps: Pick<Deps, 'directory' | 'catalog' | 'log'>, approver: UserId): Promise<string> {
  try {
    const tz = (await deps.directory.person(approver))?.tz;
    if (tz && isTimeZone(tz)) return tz;
  } catch (error) {
    deps.log.warn({ err: error, approver }, 'time zone unknown; using the catalog time zone for the reminder');
  }
  return deps.catalog.settings.timezone;
}

/**
 * Nudges only if the step still waits, checked when the job runs, not when it was
 * scheduled: a decided step is never reminded.
 */
async function nudge(deps: Deps, job: JobData, send: (request: AccessRequest, waitedMinutes: number) => Promise<void>) {
  const request = await deps.store.getRequest(asRequestId(job.requestId));
  if (!stillWaiting(request, job.stepIndex)) return;
  const waited = blockerAgeMinutes(request, deps.clock.now());
  await notifySafely(deps, request, () => send(request, waited));
}

export function stillWaiting(request: AccessRequest | undefined, stepIndex: number | undefined): request is AccessRequest {
  return request?.status === 'pending' && request.currentStep === stepIndex && !request.steps[stepIndex]?.decision;
}

/**
 * Schedules the reminder and the escalation of the request's current step, counted from
 * `from`; with `notBefore`, a nudge whose time has passed is left out.
 */
export async function scheduleStepJobs(
  deps: Pick<Deps, 'scheduler' | 'catalog'>,
  request: AccessRequest,
  from: Date,
  notBefore = from,
): Promise<void> {
  const data = { requestId: request.id, stepIndex: request.currentStep };
  const { remindAfterMinutes, escalateAfterMinutes } = deps.catalog.settings;
  const nudges = [['remind-step', remindAfterMinutes], ['escalate-step', escalateAfterMinutes]] as const;
  for (const [job, minutes] of nudges) {
    const at = new Date(from.getTime() + minutes * 60_000);
    if (at > notBefore) await deps.scheduler.schedule(job, data, at);
  }
}
