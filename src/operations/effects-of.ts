/** Effects many use cases record alike. */
import type { Effect } from '../domain/effects.js';
import type { AccessRequest, Grant } from '../domain/types.js';

/** Every copy of every message about the request, brought up to date after this change. */
export function refreshOf(request: Pick<AccessRequest, 'id' | 'version'>, grant?: Pick<Grant, 'version'>): Effect {
  return { kind: 'refresh_messages', requestId: request.id, version: `r${request.version}g${grant?.version ?? 0}` };
}
