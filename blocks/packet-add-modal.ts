/**
 * The tracker's "Add people or access" modal: more members (who get the template's items) and,
 * optionally, one more item for every member, picked as a role on a system and a duration.
 * Every field is optional; the problems are said under their fields, in words.
 */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { formatDuration } from '../src/domain/duration.js';
import type { AdditionField, AdditionProblemCode } from '../src/domain/packets/add.js';
import type { Packet } from '../src/domain/packets/packet.js';
import { PACKET_MEMBERS_MAX } from '../src/domain/packets/plan.js';
import type { Catalog } from '../src/domain/types.js';
import { PACKET_ACTION, PACKET_BLOCK, PACKET_CALLBACK } from './packet-ids.js';
import { LIMIT, escapeText, plain, truncate } from './text.js';

/** Slack's static select takes at most 100 options. */
const OPTIONS_MAX = 100;

export function buildAddToPacketModal(packet: Packet, catalog: Catalog): ModalView {
  const option = (text: string, value: string): PlainTextOption => ({ text: plain(truncate(text, LIMIT.optionText)), value });
  const access = catalog.systems.flatMap((system) => system.roles.map((role) => option(`${role.name} on ${system.name}`, `${system.id}/${role.id}`)));
  const durations = [...new Set(catalog.systems.flatMap((system) => system.roles.flatMap((role) => role.durations)))].sort((a, b) => a - b);
  const input = (blockId: string, label: string, element: object, hint: string): KnownBlock =>
    ({ type: 'input', block_id: blockId, label: plain(label), optional: true, element, hint: plain(hint) }) as KnownBlock;
  return {
    type: 'modal',
    callback_id: PACKET_CALLBACK.add,
    private_metadata: String(packet.id),
    title: plain('Add to the project'),
    submit: plain('Request'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${escapeText(packet.name)}*, starting ${packet.plannedStart}. Nothing a member already has is asked again.`, LIMIT.text) } },
      input(PACKET_BLOCK.addMembers, 'Members', {
        type: 'multi_users_select',
        action_id: PACKET_ACTION.addMembers,
        max_selected_items: Math.max(1, PACKET_MEMBERS_MAX - packet.members.length),
      }, "Each gets the template's items, on their behalf."),
      input(PACKET_BLOCK.addAccess, 'Extra access', {
        type: 'static_select',
        action_id: PACKET_ACTION.addAccess,
        placeholder: plain('Choose a role on a system'),
        options: access.slice(0, OPTIONS_MAX),
      }, 'Requested for every member, old and new.'),
      input(PACKET_BLOCK.addDuration, 'Duration', {
        type: 'static_select',
        action_id: PACKET_ACTION.addDuration,
        placeholder: plain('How long'),
        options: durations.slice(0, OPTIONS_MAX).map((minutes) => option(formatDuration(minutes), String(minutes))),
      }, 'For the extra access: one of the durations its role offers.'),
    ],
  };
}

/** The block each field's problem is shown under. */
export const ADD_PROBLEM_BLOCK: Record<AdditionField, string> = {
  members: PACKET_BLOCK.addMembers,
  access: PACKET_BLOCK.addAccess,
  duration: PACKET_BLOCK.addDuration,
};

export function additionProblemText(code: AdditionProblemCode): string {
  switch (code) {
    case 'nothing_to_add':
      return 'Pick new members, or extra access for everyone.';
    case 'too_many_members':
      return `A packet has at most ${PACKET_MEMBERS_MAX} members.`;
    case 'not_colleague':
      return 'Members must be people in this organisation.';
    case 'unknown_access':
      return 'Pick one of the listed roles.';
    case 'access_missing':
      return 'Pick the access this duration is for.';
    case 'duration_missing':
      return 'Pick how long the extra access is for.';
    case 'unknown_duration':
      return "That role doesn't offer this duration: pick another.";
  }
}
