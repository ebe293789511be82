/** Times every Slack request through Bolt, from the first middleware to the last listener. */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { secondsSince, type Metrics } from './metrics.js';

/** Kinds as Slack names them; anything else is `other`, so a label never takes arbitrary values. */
const KINDS = new Set(['block_actions', 'block_suggestion', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'interactive_message']);

/** Register first, so the time covers every other middleware and listener. */
export function timeSlackRequests(metrics: Pick<Metrics, 'slackRequests'>): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const started = performance.now();
    let outcome = 'error';
    try {
      await next();
      outcome = 'ok';
    } finally {
      metrics.slackRequests.observe({ kind: requestKind(body), outcome }, secondsSince(started));
    }
  };
}

export function requestKind(body: unknown): string {
  const { type, command } = (body ?? {}) as { type?: unknown; command?: unknown };
  if (typeof command === 'string') return 'command';
  if (type === 'event_callback') return 'event';
  return typeof type === 'string' && KINDS.has(type) ? type : 'other';
}
