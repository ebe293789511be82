/**
 * Decisions, grant changes and revoker calls, counted at the ports the use cases already
 * go through, so the domain and the use cases stay free of metrics. A change is counted
 * only once it is committed: a conflict that wrote nothing counts nothing.
 */
import type { Drafter, Grants, Revokers, Store } from '../operations/ports.js';
import { secondsSince, type Metrics } from './metrics.js';

type Counters = Pick<Metrics, 'decisions' | 'grantChanges'>;

const DECISION = /^step\.(approved|approved_suggested|denied)$/;
const GRANT = /^grant\.([a-z_]+)$/;

/** Counts one committed audit action, when it is a decision or a grant's change. */
function countAction(metrics: Counters, action: string): void {
  const decision = DECISION.exec(action)?.[1];
  if (decision) metrics.decisions.inc({ outcome: decision });
  const grant = GRANT.exec(action)?.[1];
  if (grant) metrics.grantChanges.inc({ outcome: grant });
}

export function countingStore(store: Store, metrics: Counters): Store {
  return {
    ...store,
    async commit(change) {
      const committed = await store.commit(change);
      if (committed) for (const move of [...(change.requests ?? []), ...(change.grants ?? [])]) countAction(metrics, move.action);
      return committed;
    },
  };
}

export function countingGrants(grants: Grants, metrics: Counters): Grants {
  return {
    ...grants,
    async commitMany(moves, effectsOf, audit) {
      const applied = await grants.commitMany(moves, effectsOf, audit);
      const done = new Set(applied.map((grant) => grant.requestId));
      for (const move of moves) if (done.has(move.after.requestId)) countAction(metrics, move.action);
      return applied;
    },
  };
}

/** Every attempt is counted, failed ones as `error`: a receiver that keeps failing shows before it is given up on. */
export function countingRevokers(revokers: Revokers, metrics: Pick<Metrics, 'provisioning' | 'revocations'>): Revokers {
  return (system) => {
    const revoker = revokers(system);
    const labels = (outcome: string) => ({ revoker: system.revoker.type, outcome });
    return {
      ...revoker,
      grant: (view) => counted(revoker.grant(view), (outcome) => metrics.provisioning.inc(labels(outcome))),
      revoke: (view) => counted(revoker.revoke(view), (outcome) => metrics.revocations.inc(labels(outcome))),
    };
  };
}

/** Calls to the advisor by outcome: `advised`, or the reason there is no advice. */
export function timedDrafter(drafter: Drafter, metrics: Pick<Metrics, 'drafter'>): Drafter {
  return {
    async propose(request) {
      const started = performance.now();
      const answer = await drafter.propose(request);
      metrics.drafter.observe({ outcome: 'failure' in answer ? answer.failure : 'advised' }, secondsSince(started));
      return answer;
    },
  };
}

async function counted<T extends string>(call: Promise<T>, count: (outcome: string) => void): Promise<T> {
  try {
    const outcome = await call;
    count(outcome);
    return outcome;
  } catch (error) {
    count('error');
    throw error;
  }
}
