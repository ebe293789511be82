/** The requester's answer to a narrower suggestion, from the buttons on their confirmation. */
import type { App } from '@slack/bolt';
import { ACTION } from '../../../blocks/ids.js';
import { chooseDraft } from '../../operations/choose-draft.js';
import { requestClick } from '../payloads.js';
import { button } from './button.js';
import type { ListenerContext } from './context.js';

export function registerSuggestion(app: App, ctx: ListenerContext): void {
  app.action(ACTION.switchSuggestion, button(ctx, requestClick, ({ id, actor }) => chooseDraft(ctx.deps, id, actor, 'switched')));
  app.action(ACTION.keepRequest, button(ctx, requestClick, ({ id, actor }) => chooseDraft(ctx.deps, id, actor, 'kept')));
}
