import type { AccessRequest, Grant, RequestId, UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { everyone } from './support.js';

type State = { request: AccessRequest | undefined; grant: Grant | undefined };

/**
 * Republishes the Homes of the people a request concerns, after it changed: the requester
 * and everyone who decides or decided one of its steps; the coordinators while it waits or
 * is blocked, and when it leaves their lists (decided, cancelled); security reviewers once
 * there is a grant. Debounced by the publisher, so a burst of changes costs each person one
 * publish. A Home is a view, never a record: a failure here is logged and changes nothing.
 */
export async function republishHomes(deps: Deps, id: RequestId, load?: () => Promise<State>): Promise<void> {
  if (!deps.homePublisher.watching()) return;
  try {
    const { request, grant } = load ? await load() : await read(deps, id);
    if (!request) return;
    const people = new Set<UserId>([request.requesterId, ...request.steps.flatMap((step) => step.approvers)]);
    // A grant's later moves (active, ending, ended) change no coordinator's list.
    const coordinators = !grant || grant.version === 1 ? deps.catalog.coordinators : [];
    const refs = [...coordinators, ...(grant ? deps.catalog.security.reviewers : [])];
    for (const person of await everyone(deps.directory, refs)) people.add(person);
    deps.homePublisher.republish([...people]);
  } catch (error) {
    deps.log.warn({ err: error, requestId: id }, 'could not republish Homes');
  }
}

async function read(deps: Deps, id: RequestId): Promise<State> {
  const [request, grant] = await Promise.all([deps.store.getRequest(id), deps.grants.getGrant(id)]);
  return { request, grant };
}
