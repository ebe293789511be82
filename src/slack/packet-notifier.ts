/**
 * A packet's Slack messages: the coordinator's tracker (one message, rewritten in place), the
 * member's list with Decline, "Does it work?" with It works, and the late notice.
 */
import type { WebClient } from '@slack/web-api';
import { buildItWorks, buildLateNotice, buildMemberNews, buildTrackerMoved } from '../../blocks/packet-messages.js';
import { buildTracker } from '../../blocks/packet-tracker.js';
import type { SlackMessage } from '../../blocks/text.js';
import type { Catalog } from '../domain/types.js';
import type { Log, PacketNotifier, PacketState } from '../operations/ports.js';
import type { MessageRefs } from '../store/message-refs.js';
import { slackError } from './slack-error.js';
import { updateMessage } from './update-message.js';

/** Slack's answers when the bot may not post in a channel: it was never invited, or it is private to it. */
const NOT_THERE: ReadonlySet<string> = new Set(['not_in_channel', 'channel_not_found']);

export function createPacketNotifier(client: WebClient, catalog: Catalog, messages: MessageRefs, log: Pick<Log, 'warn'>): PacketNotifier {
  const post = async (channel: string, message: SlackMessage) => {
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    return { channel: posted.channel!, ts: posted.ts! };
  };
  const trackers = coalesced(async (load: () => Promise<PacketState | undefined>) => {
    const state = await load();
    if (state?.packet.tracker) await updateMessage(client, state.packet.tracker, buildTracker(state, catalog));
  });
  return {
    async postTracker(state) {
      const { coordinatorId, projectChannel } = state.packet;
      const tracker = buildTracker(state, catalog);
      if (!projectChannel) return post(coordinatorId, tracker);
      try {
        return await post(projectChannel, tracker);
      } catch (error) {
        if (!NOT_THERE.has(slackError(error) ?? '')) throw error;
      }
      const posted = await post(coordinatorId, tracker);
      // The tracker is what matters: a note that cannot be sent must not post it again.
      await post(coordinatorId, buildTrackerMoved(projectChannel)).catch((error: unknown) => log.warn({ err: error, channel: projectChannel }, 'could not say where the tracker went'));
      return posted;
    },
    updateTracker: (packetId, load) => trackers(packetId, load),
    async tellMember(packet, memberId, items) {
      await post(memberId, buildMemberNews(packet, items, catalog));
    },
    async askIfItWorks(packet, record) {
      const requestId = record.item.requestId!;
      const sent = await post(record.item.memberId, buildItWorks(packet, record, catalog));
      await messages.record({ ...sent, requestId, kind: 'packet_check', recipient: record.item.memberId });
    },
    async refreshChecks(packet, record) {
      const refs = await messages.list(record.item.requestId!, 'packet_check');
      await Promise.all(refs.map((ref) => updateMessage(client, ref, buildItWorks(packet, record, catalog))));
    },
    async tellLate(state, late) {
      await post(state.packet.coordinatorId, buildLateNotice(state.packet, late, catalog, state.now));
    },
  };
}

/**
 * Runs `work` for a key at most twice per burst: a call while a run is under way waits for
 * one more run, which starts after it and so reads every change made before the call.
 */
function coalesced<A>(work: (arg: A) => Promise<void>) {
  const running = new Map<number, { current: Promise<void>; next?: Promise<void> }>();
  return (key: number, arg: A): Promise<void> => {
    const slot = running.get(key);
    if (slot) return (slot.next ??= slot.current.catch(() => undefined).then(() => start(key, arg)));
    return start(key, arg);
  };
  function start(key: number, arg: A): Promise<void> {
    const current = work(arg).finally(() => {
      const slot = running.get(key);
      if (slot?.current !== current) return;
      if (slot.next) running.set(key, { current: slot.next });
      else running.delete(key);
    });
    running.set(key, { current });
    return current;
  }
}
