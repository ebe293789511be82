/** One log line per handled Slack request: what it was, who sent it, how long, how it ended. */
import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import type { Logger } from '../../logging.js';

export function registerRequestLog(app: App, log: Logger): void {
  app.use(async ({ body, next }) => {
    const started = performance.now();
    const fields = describe(body);
    try {
      await next();
      log.info({ ...fields, ms: round(performance.now() - started), outcome: 'ok' }, 'slack request');
    } catch (error) {
      log.error({ ...fields, ms: round(performance.now() - started), outcome: 'error', err: error }, 'slack request');
      throw error;
    }
  });
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
