/**
 * The requester's one news message per request, kept true: posted with the first news,
 * rewritten in place with each later one, and each step told in a reply in its thread.
 * Every message is recorded with the key of the effect that posted it, so an effect carried
 * out again (after a crash, or a retry) finds its work done and posts nothing twice. Only a
 * crash between Slack's answer and the record can still repeat a reply: Slack takes no
 * idempotency key.
 */
import type { WebClient } from '@slack/web-api';
import { buildNewsReply, buildRequesterNews } from '../../blocks/requester-update.js';
import type { RequestView } from '../../blocks/request-summary.js';
import type { RequesterNewsStep } from '../domain/news.js';
import type { MessageRef, MessageRefs } from '../store/message-refs.js';
import { updateMessage } from './update-message.js';

/** The news message, and the confirmation older versions recorded under another name. */
const NEWS_KINDS: ReadonlySet<MessageRef['kind']> = new Set(['requester_news', 'requester_draft']);

export const isNewsMessage = (ref: MessageRef): boolean => NEWS_KINDS.has(ref.kind);

export async function tellRequesterNews(client: WebClient, messages: MessageRefs, view: RequestView, news: RequesterNewsStep, key: string): Promise<void> {
  const { request } = view;
  const refs = await messages.list(request.id);
  if (refs.some((ref) => ref.effect === key)) return;
  const message = buildRequesterNews(view);
  const current = refs.filter(isNewsMessage).at(-1);
  if (current && (await updateMessage(client, current, message))) {
    const reply = buildNewsReply(view, news);
    const posted = await client.chat.postMessage({ channel: current.channel, thread_ts: current.ts, text: reply.text, blocks: reply.blocks });
    return messages.record({ channel: posted.channel!, ts: posted.ts!, requestId: request.id, kind: 'requester_news_reply', recipient: request.requesterId, effect: key });
  }
  // The first news, or the message was deleted: a new one, showing where things stand, takes its place.
  const posted = await client.chat.postMessage({ channel: request.requesterId, text: message.text, blocks: message.blocks });
  await messages.record({ channel: posted.channel!, ts: posted.ts!, requestId: request.id, kind: 'requester_news', recipient: request.requesterId, effect: key });
}
