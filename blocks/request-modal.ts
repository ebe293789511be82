/**
 * The `/access` modal. Choosing a system re-renders it with that system's roles, and
 * choosing a role with that role's durations; what was typed elsewhere is kept by Slack.
 */
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { formatDuration } from '../src/domain/duration.js';
import type { Role, System } from '../src/domain/types.js';
import { PROJECT_TAG_MAX, PURPOSE_MAX } from '../src/domain/validate-request.js';
import { ACTION, BLOCK, CALLBACK } from './ids.js';
import { LIMIT, plain, truncate } from './text.js';

export interface RequestModalState {
  systems: readonly System[];
  systemId?: string;
  roleId?: string;
  /** Prefills an extension of an approved request, which the new request links to. */
  extending?: { requestId: number; purpose: string };
}

/** What the modal remembers between re-renders, in `private_metadata`. */
export interface RequestModalMetadata {
  systemId?: string;
  roleId?: string;
  extendsRequestId?: number;
}

export function buildRequestModal(state: RequestModalState): ModalView {
  const system = state.systems.find((candidate) => candidate.id === state.systemId);
  const role = system?.roles.find((candidate) => candidate.id === state.roleId) ?? onlyRole(system);
  const metadata: RequestModalMetadata = { systemId: system?.id, roleId: role?.id, extendsRequestId: state.extending?.requestId };
  return {
    type: 'modal',
    callback_id: CALLBACK.requestModal,
    title: plain('Request access'),
    submit: plain('Submit request'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      ...(state.extending ? [hint(`Extending *AR-${state.extending.requestId}*: a new request, decided like any other.`)] : []),
      systemBlock(state.systems, system),
      ...(system ? [roleBlock(system, role)] : [hint('Pick a system to see its roles.')]),
      ...(system && role ? [durationBlock(system, role)] : []),
      purposeBlock(state.extending?.purpose ? truncate(`Extension of AR-${state.extending.requestId}: ${state.extending.purpose}`, PURPOSE_MAX) : undefined),
      neededByBlock(),
      projectTagBlock(),
    ],
  };
}

function systemBlock(systems: readonly System[], selected: System | undefined): KnownBlock {
  return {
    type: 'input',
    block_id: BLOCK.system,
    dispatch_action: true,
    label: plain('System'),
    element: {
      type: 'static_select',
      action_id: ACTION.system,
      placeholder: plain('Choose a system'),
      options: systems.map((system) => option(system.name, system.id, system.description)),
      ...(selected ? { initial_option: option(selected.name, selected.id, selected.description) } : {}),
    },
  };
}

function roleBlock(system: System, selected: Role | undefined): KnownBlock {
  const toOption = (role: Role) => option(`${role.name}${role.privileged ? ' (privileged)' : ''}`, role.id, role.description);
  return {
    type: 'input',
    block_id: BLOCK.role(system.id),
    dispatch_action: true,
    label: plain('Role'),
    hint: plain('Ask for the least you need: approvers see what each role allows.'),
    element: {
      type: 'static_select',
      action_id: ACTION.role,
      placeholder: plain('Choose a role'),
      options: system.roles.map(toOption),
      ...(selected ? { initial_option: toOption(selected) } : {}),
    },
  };
}

function durationBlock(system: System, role: Role): KnownBlock {
  const options = role.durations.map((minutes) => option(formatDuration(minutes), String(minutes)));
  return {
    type: 'input',
    block_id: BLOCK.duration(system.id, role.id),
    label: plain('For how long'),
    hint: plain(`${role.name} can be granted for at most ${formatDuration(role.maxDuration)}.`),
    element: {
      type: 'static_select',
      action_id: ACTION.duration,
      placeholder: plain('Choose a duration'),
      options,
      ...(options.length === 1 ? { initial_option: options[0] } : {}),
    },
  };
}

function purposeBlock(initial: string | undefined): KnownBlock {
  return {
    type: 'input',
    block_id: BLOCK.purpose,
    label: plain('Why do you need it?'),
    hint: plain('What you will do with it. Never paste passwords or keys here.'),
    element: {
      type: 'plain_text_input',
      action_id: ACTION.purpose,
      multiline: true,
      max_length: PURPOSE_MAX,
      ...(initial ? { initial_value: initial } : {}),
      placeholder: plain('e.g. Refund three duplicate invoices for ACME (ticket SUP-812)'),
    },
  };
}

function neededByBlock(): KnownBlock {
  return {
    type: 'input',
    block_id: BLOCK.neededBy,
    optional: true,
    label: plain('Needed by'),
    element: { type: 'datepicker', action_id: ACTION.neededBy, placeholder: plain('Pick a date') },
  };
}

function projectTagBlock(): KnownBlock {
  return {
    type: 'input',
    block_id: BLOCK.projectTag,
    optional: true,
    label: plain('Project'),
    element: {
      type: 'plain_text_input',
      action_id: ACTION.projectTag,
      max_length: PROJECT_TAG_MAX,
      placeholder: plain('e.g. Q3 billing migration'),
    },
  };
}

function hint(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** A system with one role needs no choosing. */
function onlyRole(system: System | undefined): Role | undefined {
  return system?.roles.length === 1 ? system.roles[0] : undefined;
}

function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plain(truncate(text, LIMIT.optionText)),
    value,
    ...(description ? { description: plain(truncate(description, LIMIT.optionText)) } : {}),
  };
}
