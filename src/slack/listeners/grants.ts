/**
 * Ending access early and confirming removal: the grantee's Release now, an owner's Revoke,
 * an owner's Done on a deprovisioning task; and leavers, from Slack's `user_change` event.
 */
import type { App } from '@slack/bolt';
import { ACTION } from '../../../blocks/ids.js';
import { buildRequestModal } from '../../../blocks/request-modal.js';
import { confirmRemoval } from '../../operations/confirm-removal.js';
import { prepareExtension } from '../../operations/prepare-extension.js';
import { endGrant } from '../../operations/end-grant.js';
import { handleLeaver } from '../../operations/handle-leaver.js';
import { deactivatedUser, requestClick } from '../payloads.js';
import { button } from './button.js';
import type { ListenerContext } from './context.js';

/** Ending is announced by the revocation itself (grantee told, tasks sent). */
const quietly = async () => {};

export function registerGrants(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;
  app.action(
    ACTION.releaseGrant,
    button(ctx, requestClick, async ({ id, actor }) => {
      await endGrant(deps, { requestId: id, reason: 'released', by: actor, surface: 'button' });
      return { announce: quietly };
    }),
  );
  app.action(
    ACTION.revokeGrant,
    button(ctx, requestClick, async ({ id, actor }) => {
      await endGrant(deps, { requestId: id, reason: 'revoked_by_owner', by: actor, surface: 'button' });
      return { announce: quietly };
    }),
  );
  app.action(
    ACTION.requestExtension,
    button(ctx, requestClick, async ({ id, actor, triggerId }) => {
      const request = await prepareExtension(deps, id, actor);
      const view = buildRequestModal({ systems: deps.catalog.systems, systemId: request.systemId, roleId: request.roleId, extending: { requestId: id, purpose: request.purpose } });
      await app.client.views.open({ trigger_id: triggerId ?? '', view });
      return { announce: quietly };
    }),
  );
  app.action(ACTION.deprovisioned, button(ctx, requestClick, ({ id, actor }) => confirmRemoval(deps, id, actor)));

  app.event('user_change', async ({ event }) => {
    const leaver = deactivatedUser(event);
    if (leaver) await handleLeaver(deps, leaver);
  });
}
