/**
 * The Home's "Away?" area: Save sets the approver's delegation from the Home's form state,
 * Clear ends it. Each is stored (and audited) before the acknowledgement; then the clicker's
 * Home is republished to show it and the delegate is told by DM. A refusal is told by DM,
 * since a Home has no response_url, and leaves the form as the approver filled it in.
 */
import type { App, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildDelegateNotice } from '../../../blocks/home-delegation.js';
import { ACTION } from '../../../blocks/ids.js';
import { textMessage, type SlackMessage } from '../../../blocks/text.js';
import { asUserId, type Delegation, type UserId } from '../../domain/types.js';
import { clearDelegation } from '../../operations/clear-delegation.js';
import { setDelegation } from '../../operations/set-delegation.js';
import { buttonPayload, delegationForm } from '../payloads.js';
import type { ListenerContext } from './context.js';
import { explain } from './failures.js';

type Outcome = { delegation: Delegation; news: 'set' | 'cleared' } | undefined;

export function registerDelegation(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;
  app.action(
    ACTION.saveDelegation,
    awayButton(ctx, delegationForm, async (form) => ({
      delegation: await setDelegation(deps, { actor: form.actor, delegate: form.delegate, lastDay: form.lastDay, surface: 'button' }),
      news: 'set',
    })),
  );
  app.action(
    ACTION.clearDelegation,
    awayButton(ctx, clicker, async ({ actor }) => {
      const delegation = await clearDelegation(deps, actor, 'button');
      return delegation && { delegation, news: 'cleared' };
    }),
  );
}

function clicker(body: unknown): { actor: UserId } | undefined {
  const parsed = buttonPayload.safeParse(body);
  return parsed.success ? { actor: asUserId(parsed.data.user.id) } : undefined;
}

function awayButton<T extends { actor: UserId }>(ctx: ListenerContext, read: (body: unknown) => T | undefined, act: (input: T) => Promise<Outcome>) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & { client: WebClient }) => {
    const input = read(body);
    if (!input) return void (await ack());
    let outcome: Outcome;
    try {
      outcome = await act(input);
    } catch (error) {
      await ack();
      return dm(client, input.actor, textMessage(explain(error, ctx.log)), ctx);
    }
    await ack();
    ctx.deps.homePublisher.republish([input.actor], true);
    if (outcome) await dm(client, outcome.delegation.delegate, buildDelegateNotice(outcome.delegation, outcome.news), ctx);
  };
}

/** A DM that cannot be sent is logged: the delegation stands either way. */
async function dm(client: WebClient, user: UserId, message: SlackMessage, ctx: ListenerContext): Promise<void> {
  await client.chat.postMessage({ channel: user, text: message.text, blocks: message.blocks }).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not send a DM'));
}
