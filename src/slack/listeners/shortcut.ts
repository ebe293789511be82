/**
 * The global shortcut "Request access" (⚡ menu or search): opens the same request modal as
 * `/access`. Acknowledged first; the trigger id is good for 3 s, so nothing slow runs before
 * `views.open`. A global shortcut has no channel and no response_url, so a refusal (a
 * Slack Connect guest) goes to the person by DM.
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { CALLBACK } from '../../../blocks/ids.js';
import { buildRequestModal } from '../../../blocks/request-modal.js';
import { textMessage } from '../../../blocks/text.js';
import { asUserId } from '../../domain/types.js';
import { requireColleague } from '../../operations/support.js';
import type { ListenerContext } from './context.js';
import { explain } from './failures.js';

const shortcutPayload = z.object({ user: z.object({ id: z.string().min(1) }), trigger_id: z.string().min(1) });

export function registerShortcut(app: App, ctx: ListenerContext): void {
  app.shortcut(CALLBACK.requestShortcut, async ({ ack, body, client }) => {
    await ack();
    const shortcut = shortcutPayload.safeParse(body);
    if (!shortcut.success) return void ctx.log.warn({ callback: CALLBACK.requestShortcut }, 'shortcut payload unreadable');
    const user = asUserId(shortcut.data.user.id);
    try {
      await requireColleague(ctx.deps, user);
      await client.views.open({ trigger_id: shortcut.data.trigger_id, view: buildRequestModal({ systems: ctx.deps.catalog.systems }) });
    } catch (error) {
      await client.chat.postMessage({ channel: user, ...textMessage(explain(error, ctx.log)) }).catch((failed: unknown) => ctx.log.warn({ err: failed }, 'could not tell the user'));
    }
  });
}
