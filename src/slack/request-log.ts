/**
 * One log line and one histogram sample per handled Slack request: what it was, who sent
 * it, how long it took from the first middleware to the last listener, how it ended.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logging.js';
import { requestKind } from '../metrics/slack-requests.js';
import { secondsSince, type Metrics } from '../metrics/metrics.js';

/** Register first, so the time covers every other middleware and listener. */
export function logSlackRequests(log: Logger, metrics: Pick<Metrics, 'slackRequests'>): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const started = performance.now();
    const fields = describe(body);
    const ended = (outcome: 'ok' | 'error') => {
      metrics.slackRequests.observe({ kind: requestKind(body), outcome }, secondsSince(started));
      return { ...fields, ms: round(performance.now() - started), outcome };
    };
    try {
      await next();
      log.info(ended('ok'), 'slack request');
    } catch (error) {
      log.error({ ...ended('error'), err: error }, 'slack request');
      throw error;
    }
  };
}

/** Names the request without logging what anyone typed. */
function describe(body: AnyMiddlewareArgs['body']): Record<string, unknown> {
  const b = body as Record<string, any>;
  return {
    kind: b.command ? 'command' : (b.type ?? 'unknown'),
    name: b.command ?? b.actions?.[0]?.action_id ?? b.view?.callback_id ?? b.event?.type,
    user: b.user_id ?? b.user?.id ?? b.event?.user,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
