/**
 * What a packet's member and coordinator are told: the member's list of what was asked for
 * them (Decline on each open item), "Does it work?" once an item's access is in place, and
 * the coordinator's notice of late items.
 */
import type { KnownBlock } from '@slack/types';
import { collectionHint } from './packet-collection.js';
import { itemState } from '../src/domain/packets/packet.js';
import type { Packet } from '../src/domain/packets/packet.js';
import { formatRequestId, type Catalog } from '../src/domain/types.js';
import type { ItemRecord } from '../src/operations/ports.js';
import { button, roleOnSystem, section } from './home-parts.js';
import { itemLine } from './packet-tracker.js';
import { PACKET_ACTION } from './packet-ids.js';
import { escapeText, mention, textMessage, truncate, type SlackMessage } from './text.js';

/** Slack's 50 blocks per message, less the opening line and the closing note. */
const MEMBER_ITEMS = 45;

export function buildMemberNews(packet: Packet, items: ItemRecord[], catalog: Catalog): SlackMessage {
  const text = `${mention(packet.coordinatorId)} asked for access for you for the project *${escapeText(packet.name)}*, starting ${packet.plannedStart}.`;
  const lines = items.slice(0, MEMBER_ITEMS).map((record): KnownBlock => {
    const what = roleOnSystem(catalog, record.item.systemId, record.item.roleId);
    const id = record.item.requestId ? ` (${formatRequestId(record.item.requestId)})` : '';
    const open = record.item.requestId && ['requested', 'waiting', 'paused'].includes(itemState(record));
    const decline = open
      ? button(PACKET_ACTION.decline, 'Decline', String(record.item.requestId), {
          label: `Decline ${what}`,
          confirm: { title: 'Decline this access?', text: `The request${id} is cancelled: you won't get ${what} for this project.`, confirm: 'Decline' },
        })
      : undefined;
    const hint = collectionHint(catalog, record.item.systemId);
    return section(`packet:${packet.id}:member:${record.item.id}`, `• ${what}${id}${hint ? `\n${hint}` : ''}`, decline);
  });
  return {
    text: truncate(text, 4000),
    blocks: [
      section(`packet:${packet.id}:member`, `${text} Each goes to its approvers now. Don't need one? Decline it.`),
      ...lines,
      section(`packet:${packet.id}:member:end`, 'Once each is set up I will ask you whether it works: the project is ready when everything does.'),
    ],
  };
}

/** "Does it work?" with It works; once answered or ended, the same message says how it stands. */
export function buildItWorks(packet: Packet, record: ItemRecord, catalog: Catalog): SlackMessage {
  const what = roleOnSystem(catalog, record.item.systemId, record.item.roleId);
  const id = record.item.requestId ? formatRequestId(record.item.requestId) : '';
  const state = itemState(record);
  if (state === 'provisioned') {
    const text = `:key: Your *${what}* (${id}) for *${escapeText(packet.name)}* is set up. Does it work? Try it, then say so: the project's readiness counts it only then.`;
    const works = button(PACKET_ACTION.itWorks, 'It works', String(record.item.requestId), { style: 'primary', label: `${what} works` });
    return { text: truncate(text, 4000), blocks: [section(`packet:check:${record.item.id}`, text), { type: 'actions', block_id: `packet:check:${record.item.id}:act`, elements: [works] }] };
  }
  const text = state === 'verified' ? `:white_check_mark: *${what}* (${id}) works${record.item.verifiedBy ? `: confirmed by ${mention(record.item.verifiedBy)}` : ''}.` : `*${what}* (${id}): ${state}.`;
  return { text: truncate(text, 4000), blocks: [section(`packet:check:${record.item.id}`, text)] };
}

/** Said beside the tracker when it came to the coordinator's DM because the project channel refused it. */
export function buildTrackerMoved(channel: string): SlackMessage {
  return textMessage(`:information_source: I couldn't post the tracker in <#${channel}>: I'm not a member there. It is here instead; invite me to the channel (\`/invite @Latchkey\`) before the next project.`);
}

/** The coordinator hears once, per item, that it is late for the start. */
export function buildLateNotice(packet: Packet, late: ItemRecord[], catalog: Catalog, now: Date): SlackMessage {
  const text = `:triangular_flag_on_post: *${escapeText(packet.name)}* starts ${packet.plannedStart} and ${late.length} item${late.length === 1 ? ' is' : 's are'} not verified yet. Their approvers were reminded.`;
  const lines = late.slice(0, 20).map((record) => itemLine(record, catalog, now, true)).join('\n');
  return { text: truncate(text, 4000), blocks: [section(`packet:${packet.id}:late`, `${text}\n${lines}`)] };
}
