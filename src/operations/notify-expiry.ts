import { asRequestId } from '../domain/types.js';
import type { Deps, JobData } from './ports.js';
import { notifySafely } from './support.js';

/** Warns the grantee that access ends soon, with Release now and Request an extension. */
export async function notifyExpiry(deps: Deps, job: JobData): Promise<void> {
  const grant = await deps.grants.getGrant(asRequestId(job.requestId));
  if (grant?.status !== 'active') return;
  await notifySafely(deps, { id: grant.requestId }, () => deps.notifier.tellGrantee(grant, 'ending_soon'));
}
