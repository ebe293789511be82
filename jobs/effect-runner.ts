/**
 * Carries out the outbox: polls for due effects, runs many at once, retries failures with
 * exponential backoff and jitter, and gives up after the policy's attempts, when people
 * are told. Several processes share the work through the queue's leases.
 */
import { carryOutEffect } from '../src/operations/carry-out-effect.js';
import type { Deps, QueuedEffect } from '../src/operations/ports.js';
import { giveUp } from '../src/operations/revoke-effects.js';
import type { RequestId } from '../src/domain/types.js';
import { secondsSince, type Metrics } from '../src/metrics/metrics.js';

export interface EffectRunnerOptions {
  pollMs: number;
  /** How long a claimed effect stays taken; a runner that died frees it after this. */
  leaseMs?: number;
  /** Where each attempt's kind, outcome and duration are counted. */
  metrics?: Pick<Metrics, 'effects'>;
}

export interface EffectRunner {
  start(): void;
  /** Carries out the request's outstanding effects now; waits for those already running here. */
  runFor(requestId: RequestId): Promise<void>;
  /** Takes no more work and waits for what is running. */
  stop(): Promise<void>;
}

const BATCH = 200;
const IN_PARALLEL = 50;
/**
 * How long a claim holds without news from its runner. Running effects have their lease
 * renewed every third of it, so a slow webhook keeps its claim while a process that died
 * frees its claims within this.
 */
const LEASE_MS = 10_000;
/** How long `runFor` waits for an effect of its request that is due soon (a quick retry). */
const WAIT_FOR_SOON_MS = 2_000;
/**
 * How many `runFor` carry out effects at once. A burst of submissions or clicks is
 * acknowledged first: each ack waits only on its own commit, while the effects behind the
 * acks take turns (they are in the outbox, so the poller would find them anyway).
 */
const RUN_FOR_AT_ONCE = 4;

export function createEffectRunner(deps: Deps, options: EffectRunnerOptions): EffectRunner {
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const running = new Map<number, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let polling: Promise<void> = Promise.resolve();
  // The poller's claim in flight: its effects are not yet in `running`, but are taken.
  let claiming: Promise<unknown> = Promise.resolve();

  const now = () => deps.clock.now();
  const turn = turns(RUN_FOR_AT_ONCE);

  /** Runs a claimed batch, then marks what was carried out done in one statement. */
  async function runAll(claimed: QueuedEffect[], lanes: number): Promise<void> {
    const done: number[] = [];
    try {
      await inParallel(claimed, lanes, (queued) => run(queued, done));
    } finally {
      await deps.effects.done(done, now());
    }
  }

  function run(queued: QueuedEffect, done: number[]): Promise<void> {
    const work = attempt(queued, done).finally(() => running.delete(queued.id));
    running.set(queued.id, work);
    return work;
  }

  async function attempt(queued: QueuedEffect, done: number[]): Promise<void> {
    const started = performance.now();
    const observe = (outcome: string) => options.metrics?.effects.observe({ kind: queued.effect.kind, outcome }, secondsSince(started));
    try {
      const outcome = await carryOutEffect(deps, queued);
      observe(typeof outcome === 'string' ? 'done' : 'waiting');
      if (outcome === 'done') done.push(queued.id);
      else if (outcome !== 'settled') await deps.effects.retryAt(queued.id, outcome.again, 'waiting for a person');
    } catch (error) {
      observe('error');
      await failed(queued, describe(error)).catch((again: unknown) => deps.log.warn({ err: again, effect: queued.effect.kind }, 'could not record a failed effect'));
    }
  }

  async function failed(queued: QueuedEffect, error: string): Promise<void> {
    const { kind, requestId } = queued.effect;
    deps.log.warn({ effect: kind, requestId, attempts: queued.attempts, error }, 'effect failed');
    if (queued.attempts >= deps.retry.maxAttempts) return giveUp(deps, queued, error);
    const wait = deps.retry.retryMs * 2 ** (queued.attempts - 1);
    // Jitter spreads retries of many effects that failed together (a receiver that was down).
    const at = new Date(now().getTime() + wait * (0.75 + Math.random() / 2));
    await deps.effects.retryAt(queued.id, at, error);
  }

  async function poll(): Promise<void> {
    let claimed: QueuedEffect[] = [];
    try {
      do {
        // An effect recorded moments ago is left, for two poll intervals, to the process that
        // recorded it (its runFor takes turns): a burst of acks does not meet fifty lanes of
        // its own effects. Its lease still runs from now.
        const grace = options.pollMs * 2;
        const claim = deps.effects.claim(new Date(now().getTime() - grace), leaseMs + grace, BATCH);
        claiming = claim.catch(() => undefined);
        claimed = await claim;
        await runAll(claimed, IN_PARALLEL);
      } while (!stopped && claimed.length === BATCH);
    } catch (error) {
      deps.log.warn({ err: error }, 'effect runner could not reach the database; trying again');
    }
  }

  /** Keeps the claims of effects still running here from lapsing. */
  const renewing = setInterval(() => {
    if (running.size === 0) return;
    deps.effects.renew([...running.keys()], new Date(now().getTime() + leaseMs)).catch((error: unknown) => deps.log.warn({ err: error }, 'could not renew effect claims'));
  }, leaseMs / 3);
  renewing.unref();

  async function runFor(requestId: RequestId): Promise<void> {
    const deadline = Date.now() + WAIT_FOR_SOON_MS * 5;
    while (Date.now() < deadline) {
      const claimed = await deps.effects.claim(now(), leaseMs, 20, requestId, [...deps.waitingClicks.keys()]);
      if (claimed.length > 0) {
        await runAll(claimed, claimed.length);
        continue;
      }
      await claiming;
      await Promise.all(running.values());
      const next = await deps.effects.outstanding(requestId);
      if (!next || next.getTime() - now().getTime() > WAIT_FOR_SOON_MS) return;
      await new Promise((done) => setTimeout(done, Math.max(10, Math.min(100, next.getTime() - now().getTime()))));
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      polling = poll().finally(schedule);
    }, options.pollMs);
  }

  return {
    start() {
      stopped = false;
      schedule();
    },

    runFor(requestId) {
      return turn(() => runFor(requestId));
    },

    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(renewing);
      await polling;
      await Promise.all(running.values());
    },
  };
}

/** Runs at most `limit` of the given tasks at a time, the others in arrival order. */
function turns(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((go) => waiting.push(go));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** An error's message only: revokers and the Slack client put no secret in theirs. */
function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
