/** Global Bolt middleware: handling a redelivered event once, and knowing what is in flight. */
import type { App, Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type pg from 'pg';
import type { Clock } from '../operations/ports.js';

/**
 * Slack redelivers an event it thinks was missed (`X-Slack-Retry-Num`) with the same
 * `event_id`. The first delivery records the id; a redelivery of a recorded id is dropped.
 * Only redeliveries are checked, so the common path costs one insert and no lookup.
 */
export function oncePerEvent(pool: pg.Pool, clock: Clock): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    const { rowCount } = await pool.query('insert into slack_events (event_id, received_at) values ($1, $2) on conflict do nothing', [eventId, clock.now()]);
    if (rowCount === 0 && context.retryNum) return;
    await next();
  };
}

/** Counts listener work still running after its ack, so shutdown can wait for it. */
export function trackInflight(app: App): { settled(): Promise<void> } {
  const running = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  });
  return {
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
