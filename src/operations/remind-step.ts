import { blockerAgeMinutes } from '../domain/digest.js';
import { asRequestId, type AccessRequest } from '../domain/types.js';
import type { Deps, JobData } from './ports.js';
import { notifySafely } from './support.js';

/** Reminds the approvers of a step that has waited `remind_after`. */
export const remindStep = (deps: Deps, job: JobData) => nudge(deps, job, (request, waited) => deps.notifier.remindApprovers(request, waited));

/** Tells security and the coordinators about a step that has waited `escalate_after`. */
export const escalateStep = (deps: Deps, job: JobData) => nudge(deps, job, (request, waited) => deps.notifier.escalate(request, waited));

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
