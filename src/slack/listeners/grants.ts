/**
 * Grants from their buttons: the grantee's Release now and Request an extension, an owner's
 * or security's Revoke, Done on a provisioning or removal task, Retry on an alert; and
 * leavers, from Slack's `user_change` event.
 */
import type { App } from '@slack/bolt';
import { ACTION } from '../../../blocks/ids.js';
import { buildRequestModal } from '../../../blocks/request-modal.js';
import { confirmByHand, endGrant } from '../../operations/end-grant.js';
import { handleLeaver } from '../../operations/handle-leaver.js';
import { prepareExtension } from '../../operations/prepare-extension.js';
import { retryGrantEffect } from '../../operations/retry-effect.js';
import { deactivatedUser, requestClick } from '../payloads.js';
import { button } from './button.js';
import type { ListenerContext } from './context.js';

export function registerGrants(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;
  app.action(ACTION.releaseGrant, button(ctx, requestClick, ({ id, actor }) => endGrant(deps, { requestId: id, reason: 'released', by: actor, surface: 'button' })));
  app.action(ACTION.revokeGrant, button(ctx, requestClick, ({ id, actor }) => endGrant(deps, { requestId: id, reason: 'revoked', by: actor, surface: 'button' })));
  app.action(
    ACTION.requestExtension,
    button(ctx, requestClick, async ({ id, actor, triggerId }) => {
      const request = await prepareExtension(deps, id, actor);
      const view = buildRequestModal({ systems: deps.catalog.systems, systemId: request.systemId, roleId: request.roleId, extending: { requestId: id, purpose: request.purpose } });
      await app.client.views.open({ trigger_id: triggerId ?? '', view });
      return { announce: async () => {} };
    }),
  );
  app.action(ACTION.deprovisioned, button(ctx, requestClick, ({ id, actor }) => confirmByHand(deps, id, actor, 'removed')));
  app.action(ACTION.provisioned, button(ctx, requestClick, ({ id, actor }) => confirmByHand(deps, id, actor, 'granted')));
  app.action(ACTION.retryGrant, button(ctx, requestClick, ({ id, actor }) => retryGrantEffect(deps, id, actor)));

  app.event('user_change', async ({ event }) => {
    const leaver = deactivatedUser(event);
    if (!leaver) return;
    await handleLeaver(deps, leaver);
    await Promise.all((await deps.grants.listLiveGrants(leaver)).map((grant) => deps.runEffects(grant.requestId)));
  });
}
