/**
 * The `/access project` modal: a coordinator names the project, picks a catalog template and
 * the members, and sets the planned start and, optionally, the end and a channel for the
 * tracker. Problems are said here,
 * in words, under their fields.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { PacketField, PacketProblemCode } from '../src/domain/packets/plan.js';
import { PACKET_MEMBERS_MAX, PACKET_NAME_MAX } from '../src/domain/packets/plan.js';
import type { PacketTemplate } from '../src/domain/types.js';
import { PACKET_ACTION, PACKET_BLOCK, PACKET_CALLBACK } from './packet-ids.js';
import { LIMIT, plain, truncate } from './text.js';

export function buildPacketModal(templates: readonly PacketTemplate[]): ModalView {
  const input = (blockId: string, label: string, element: object, optional = false, hint?: string): KnownBlock =>
    ({ type: 'input', block_id: blockId, label: plain(label), optional, element, ...(hint ? { hint: plain(hint) } : {}) }) as KnownBlock;
  return {
    type: 'modal',
    callback_id: PACKET_CALLBACK.modal,
    title: plain('Project access'),
    submit: plain('Request all'),
    close: plain('Cancel'),
    blocks: [
      input(PACKET_BLOCK.name, 'Project name', { type: 'plain_text_input', action_id: PACKET_ACTION.name, max_length: PACKET_NAME_MAX }),
      input(PACKET_BLOCK.template, 'Template', {
        type: 'static_select',
        action_id: PACKET_ACTION.template,
        placeholder: plain('Choose what the project needs'),
        options: templates.slice(0, 100).map((template) => ({ text: plain(truncate(template.name, LIMIT.optionText)), value: template.id })),
      }),
      input(PACKET_BLOCK.members, 'Members', { type: 'multi_users_select', action_id: PACKET_ACTION.members, max_selected_items: PACKET_MEMBERS_MAX }, false, 'Every item of the template is requested for each of them, on their behalf.'),
      input(PACKET_BLOCK.plannedStart, 'Planned start', { type: 'datepicker', action_id: PACKET_ACTION.plannedStart }, false, 'Items are needed by this date.'),
      input(PACKET_BLOCK.projectEnd, 'Project end', { type: 'datepicker', action_id: PACKET_ACTION.projectEnd }, true, 'The access it grants ends at the end of this day.'),
      input(PACKET_BLOCK.clientOwned, 'Client-owned', {
        type: 'checkboxes',
        action_id: PACKET_ACTION.clientOwned,
        options: [{ text: plain('The project works on client-owned systems'), value: 'yes' }],
      }, true),
      input(PACKET_BLOCK.trackerChannel, 'Tracker channel', {
        type: 'conversations_select',
        action_id: PACKET_ACTION.trackerChannel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      }, true, 'The project channel that follows its readiness; your DM if none. Invite me to it first.'),
    ],
  };
}

/** The block each field's problem is shown under. */
export const PROBLEM_BLOCK: Record<PacketField, string> = {
  name: PACKET_BLOCK.name,
  template: PACKET_BLOCK.template,
  members: PACKET_BLOCK.members,
  plannedStart: PACKET_BLOCK.plannedStart,
  projectEnd: PACKET_BLOCK.projectEnd,
};

export function problemText(code: PacketProblemCode): string {
  switch (code) {
    case 'name_missing':
      return 'Give the project a name.';
    case 'name_too_long':
      return `Please keep the name under ${PACKET_NAME_MAX} characters.`;
    case 'unknown_template':
      return 'Pick one of the templates.';
    case 'no_members':
      return 'Pick at least one member.';
    case 'too_many_members':
      return `A packet has at most ${PACKET_MEMBERS_MAX} members.`;
    case 'not_colleague':
      return 'Members must be people in this organisation.';
    case 'start_in_past':
      return 'Pick today or a later date.';
    case 'end_before_start':
      return 'The end must not be before the start.';
  }
}
