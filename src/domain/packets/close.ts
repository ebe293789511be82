/** What closing a packet does to its requests still waiting. */
import type { AccessRequest } from '../types.js';

/**
 * A closed packet's requests still waiting (pending or blocked) are withdrawn: nobody should
 * decide access the project no longer needs. Undefined for a request already decided.
 */
export function withdrawRequest(request: AccessRequest, now: Date): AccessRequest | undefined {
  if (request.status !== 'pending' && request.status !== 'blocked') return undefined;
  return { ...request, status: 'cancelled', version: request.version + 1, updatedAt: now };
}
