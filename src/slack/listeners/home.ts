/**
 * The Home tab: published when a person opens it (and republished by changes, see
 * operations/republish-homes.ts), and the Home's own buttons: New request, Cancel, Nudge and
 * Route again. Its other buttons reuse the cards' action ids, so their clicks take the
 * cards' path; a click from a Home also republishes the clicker's Home, so a refused click
 * (a step someone else just decided) shows the truth, and the refusal is told by DM, since a
 * Home has no response_url to answer on (listeners/failures.ts tellClicker).
 */
import type { App, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { ACTION } from '../../../blocks/ids.js';
import { buildRequestModal } from '../../../blocks/request-modal.js';
import { asUserId, type RequestId, type UserId } from '../../domain/types.js';
import { cancelRequest } from '../../operations/cancel-request.js';
import { nudgeApprovers } from '../../operations/nudge-approvers.js';
import { routeAgain } from '../../operations/route-again.js';
import { requireColleague } from '../../operations/support.js';
import { requestClick } from '../payloads.js';
import type { ListenerContext } from './context.js';
import { explain, tellClicker } from './failures.js';

const homeOpened = z.object({ user: z.string().min(1), tab: z.string().optional() });
const fromHome = z.object({ user: z.object({ id: z.string() }), view: z.object({ type: z.literal('home') }) });
/** Card actions a Home shows too. */
const SHARED = [ACTION.approve, ACTION.approveSuggested, ACTION.deny, ACTION.releaseGrant, ACTION.requestExtension, ACTION.revokeGrant, ACTION.retryGrant, ACTION.provisioned, ACTION.deprovisioned];

type Click = { id: RequestId; actor: UserId };

export function registerHome(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;

  app.event('app_home_opened', async ({ event }) => {
    const opened = homeOpened.safeParse(event);
    if (!opened.success || opened.data.tab !== 'home') return;
    await deps.homePublisher.publishNow(asUserId(opened.data.user));
  });

  app.action(ACTION.newRequest, async ({ ack, body, client }) => {
    await ack();
    const click = z.object({ user: z.object({ id: z.string() }), trigger_id: z.string() }).safeParse(body);
    if (!click.success) return;
    const user = asUserId(click.data.user.id);
    try {
      await requireColleague(deps, user);
      await client.views.open({ trigger_id: click.data.trigger_id, view: buildRequestModal({ systems: deps.catalog.systems }) });
    } catch (error) {
      await tellClicker({ body, client }, explain(error, ctx.log), ctx.log);
    }
  });

  app.action(ACTION.cancelRequest, homeButton(ctx, ({ id, actor }) => cancelRequest(deps, id, actor, 'button')));
  app.action(ACTION.nudge, homeButton(ctx, ({ id, actor }) => nudgeApprovers(deps, id, actor)));
  app.action(ACTION.routeAgain, homeButton(ctx, ({ id, actor }) => routeAgain(deps, id, actor)));

  // Runs beside the cards' own listeners (which acknowledge); only schedules a republish.
  for (const actionId of SHARED) {
    app.action(actionId, async ({ body }) => {
      const click = fromHome.safeParse(body);
      if (click.success) deps.homePublisher.republish([asUserId(click.data.user.id)], true);
    });
  }
}

/**
 * A Home button: act (committed with its effects), acknowledge, then carry the effects out.
 * A refusal is told to the clicker (by DM from a Home), and their Home is republished to show the truth.
 */
function homeButton(ctx: ListenerContext, act: (click: Click) => Promise<{ announce(): Promise<void> }>) {
  // Cancel is in the `/access list` reply too, where a refusal is answered beside it.
  return async ({ ack, body, client, respond }: SlackActionMiddlewareArgs & { client: WebClient }) => {
    const click = requestClick(body);
    if (!click) return void (await ack());
    let changed: { announce(): Promise<void> };
    try {
      changed = await act(click);
    } catch (error) {
      await ack();
      ctx.deps.homePublisher.republish([click.actor], true);
      return tellClicker({ body, client, respond }, explain(error, ctx.log), ctx.log);
    }
    await ack();
    ctx.deps.homePublisher.republish([click.actor], true);
    await changed.announce().catch((error: unknown) => ctx.log.warn({ err: error }, 'effects will be carried out by the effect runner'));
  };
}

