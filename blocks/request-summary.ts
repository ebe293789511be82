/**
 * The facts of a request as people read them, shared by the approval card and the
 * requester's messages so both always say the same thing.
 */
import type { KnownBlock, RichTextBlock } from '@slack/types';
import { formatDuration } from '../src/domain/duration.js';
import type { AccessRequest, Flag, Grant, Role, System } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import { hasNarrowerSuggestion } from '../src/domain/lifecycle.js';
import type { OwnerCheck } from '../src/domain/packets/verify.js';
import { LIMIT, escapeText, mention, truncate } from './text.js';

/** A request with the catalog entries it names, ready to show. */
export interface RequestView {
  request: AccessRequest;
  system: System;
  role: Role;
  /** The grant an approved request became, when there is one. */
  grant?: Grant;
  /** The requester's name as Slack shows it, for screen-reader labels; a mention can't be read aloud. */
  requesterName?: string;
  /** Minutes the current step usually waits, when enough recent decisions say so. */
  typicalMinutes?: number;
  /** A packet item's access that an owner may confirm from their card. */
  ownerCheck?: OwnerCheck;
}

const FLAG_ICON: Record<Flag['code'], string> = {
  privileged: ':rotating_light:',
  over_max_duration: ':hourglass:',
  client_owned: ':briefcase:',
  broader_than_purpose: ':mag:',
  security_exception: ':warning:',
  shared_credential: ':key:',
  unsafe_collection: ':envelope_with_arrow:',
};

/** "Administrator on Billing (Stripe) for 8 h" */
export function describeAsk({ system, role, request }: RequestView): string {
  return `*${escapeText(role.name)}* on *${escapeText(system.name)}* for ${formatDuration(request.durationMinutes)}`;
}

export function summaryFields(view: RequestView): KnownBlock {
  const { request, system, role } = view;
  const fields = [
    `*Requester*\n${mention(request.requesterId)}`,
    `*System*\n${escapeText(system.name)}${system.clientOwned ? ' (client-owned)' : ''}`,
    `*Role*\n${escapeText(role.name)}${role.privileged ? ' :rotating_light: privileged' : ''}`,
    `*Duration*\n${formatDuration(request.durationMinutes)}`,
    ...(request.neededBy ? [`*Needed by*\n${request.neededBy}`] : []),
    ...(request.projectTag ? [`*Project*\n${escapeText(request.projectTag)}`] : []),
    ...(request.extendsRequestId ? [`*Extends*\n${formatRequestId(request.extendsRequestId)}`] : []),
  ];
  return { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) };
}

/**
 * What someone typed, shown exactly as typed: a `rich_text` quote of one plain text element
 * is never read as mrkdwn, so `*`, `_`, `~`, backticks, `<!channel>` or `<@U…>` in it can
 * neither restyle a card nor notify anyone. With a `heading`, a bold line comes first.
 */
export function typedTextBlock(typed: string, heading?: string): RichTextBlock {
  return {
    type: 'rich_text',
    elements: [
      ...(heading ? [{ type: 'rich_text_section' as const, elements: [{ type: 'text' as const, text: heading, style: { bold: true } }] }] : []),
      { type: 'rich_text_quote', elements: [{ type: 'text', text: truncate(typed || ' ', LIMIT.text) }] },
    ],
  };
}

export function purposeBlock(request: AccessRequest): KnownBlock {
  return typedTextBlock(request.purpose, 'Purpose');
}

/** The draft's flags, one line each; privileged first so it cannot be missed. */
export function flagBlocks(request: AccessRequest): KnownBlock[] {
  const flags = [...request.draft.flags].sort((a, b) => Number(b.code === 'privileged') - Number(a.code === 'privileged'));
  if (flags.length === 0) return [];
  const lines = flags.map((flag) => `${FLAG_ICON[flag.code]} ${escapeText(flag.reason)}`);
  return [{ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), LIMIT.text) } }];
}

/** Asked against suggested, and why: the reasons and the advisor's rationale. */
export function draftBlocks(view: RequestView): KnownBlock[] {
  const { request, system, role } = view;
  const { draft } = request;
  const suggested = system.roles.find((candidate) => candidate.id === draft.roleId) ?? role;
  const blocks: KnownBlock[] = [];
  if (hasNarrowerSuggestion(request)) {
    blocks.push({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Asked*\n${escapeText(role.name)} · ${formatDuration(request.durationMinutes)}` },
        { type: 'mrkdwn', text: `*Suggested*\n${escapeText(suggested.name)} · ${formatDuration(draft.durationMinutes)}` },
      ],
    });
  }
  const why = [
    ...draft.reasons.map(escapeText),
    ...(draft.rationale ? [`:robot_face: ${escapeText(draft.rationale)}`] : []),
    ...(draft.choice === 'switched' ? ['The requester switched to the suggestion.'] : []),
  ];
  return why.length ? [...blocks, context(why.join(' '))] : blocks;
}

export function headerBlock(request: AccessRequest, title: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(`${title} ${formatRequestId(request.id)}`, LIMIT.header) } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMIT.text) }] };
}
