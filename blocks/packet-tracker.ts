/**
 * The coordinator's tracker: one message per packet, rewritten in place. The readiness bar
 * first, then the blockers (flagged or held items), then everything else, each item with its
 * state, age and whom it waits on. Capped to stay within Slack's 50 blocks per message.
 */
import type { KnownBlock } from '@slack/types';
import { blockerAgeMinutes } from '../src/domain/digest.js';
import { formatDuration } from '../src/domain/duration.js';
import { lastDecision } from '../src/domain/lifecycle.js';
import { isFlagged, readiness, type Readiness } from '../src/domain/packets/readiness.js';
import { itemState, type ItemState } from '../src/domain/packets/packet.js';
import { formatRequestId, type Catalog } from '../src/domain/types.js';
import type { ItemRecord, PacketState } from '../src/operations/ports.js';
import { actions, button, note, roleOnSystem, section, title } from './home-parts.js';
import { PACKET_ACTION } from './packet-ids.js';
import { escapeText, listPeople, mention, truncate, type SlackMessage } from './text.js';

/** Slack's 50 blocks, less the header, facts, bar, two headings, "N more" and the actions. */
export const TRACKER_ITEM_BLOCKS = 42;
const BAR_CELLS = 10;
/** Slack cuts a confirm dialog's text at 300 characters. */
const CONFIRM_MAX = 300;

export function buildTracker(state: PacketState, catalog: Catalog): SlackMessage {
  const { packet } = state;
  const bar = readiness(state.items, state.today, packet.plannedStart);
  const late = (record: ItemRecord) => packet.status === 'open' && isFlagged(record, state.startAt, packet.startWarningMinutes, state.now);
  const blockers = state.items.filter((record) => late(record) || BLOCKING.has(itemState(record)));
  const others = state.items.filter((record) => !blockers.includes(record));
  const lines = [...blockers, ...others].map((record) => itemLine(record, catalog, state.now, late(record)));
  const shown = lines.slice(0, TRACKER_ITEM_BLOCKS);
  const text = `${escapeText(packet.name)}: ${readinessText(bar)}`;
  const blocks: KnownBlock[] = [
    title(`packet:${packet.id}:title`, truncate(`Project access: ${packet.name}`, 150)),
    note(`packet:${packet.id}:facts`, facts(state)),
    section(`packet:${packet.id}:bar`, `${barCells(bar)}  *${readinessText(bar)}*${packet.status === 'closed' ? ' · closed' : ''}`),
    ...(blockers.length > 0 ? [section(`packet:${packet.id}:blockers`, `*Blockers (${blockers.length})*`)] : []),
    ...shown.slice(0, blockers.length).map((line, index) => section(`packet:${packet.id}:b${index}`, line)),
    ...(others.length > 0 && shown.length > blockers.length ? [section(`packet:${packet.id}:items`, '*Items*')] : []),
    ...shown.slice(blockers.length).map((line, index) => section(`packet:${packet.id}:i${index}`, line)),
    ...(lines.length > shown.length ? [note(`packet:${packet.id}:more`, `${lines.length - shown.length} more items`)] : []),
    ...(packet.status === 'open' ? [actions(`packet:${packet.id}:actions`, [addButton(state), closeButton(state, catalog)])] : []),
  ];
  return { text: truncate(text, 4000), blocks };
}

/** "7 of 9 verified, start in 3 days". */
export function readinessText(bar: Readiness): string {
  const start =
    bar.daysToStart > 1 ? `start in ${bar.daysToStart} days` : bar.daysToStart === 1 ? 'start tomorrow' : bar.daysToStart === 0 ? 'start today' : `started ${-bar.daysToStart} day${bar.daysToStart === -1 ? '' : 's'} ago`;
  return `${bar.verified} of ${bar.required} verified, ${start}`;
}

function barCells(bar: Readiness): string {
  const filled = bar.required === 0 ? BAR_CELLS : Math.round((bar.verified / bar.required) * BAR_CELLS);
  return `\`${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)}\``;
}

function facts({ packet }: PacketState): string {
  const parts = [`Coordinator ${mention(packet.coordinatorId)}`, `start ${packet.plannedStart}`];
  if (packet.projectEnd) parts.push(`end ${packet.projectEnd} (access ends then)`);
  if (packet.clientOwned) parts.push('client-owned');
  parts.push(`${packet.members.length} member${packet.members.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** States that hold an item back whatever the date. */
const BLOCKING: ReadonlySet<ItemState> = new Set(['paused', 'refused', 'denied', 'cancelled']);

const ICON: Record<ItemState, string> = {
  requested: ':inbox_tray:',
  waiting: ':hourglass_flowing_sand:',
  paused: ':double_vertical_bar:',
  refused: ':no_entry:',
  denied: ':x:',
  cancelled: ':wastebasket:',
  declined: ':heavy_minus_sign:',
  approved: ':construction:',
  provisioned: ':key:',
  verified: ':white_check_mark:',
  ended: ':lock:',
};

/** `:key: @ana · Viewer on Billing · AR-1042 — provisioned 2 h ago, not verified yet`. */
export function itemLine(record: ItemRecord, catalog: Catalog, now: Date, late: boolean): string {
  const { item } = record;
  const state = itemState(record);
  const id = item.requestId ? ` · ${formatRequestId(item.requestId)}` : '';
  const flag = late ? ':triangular_flag_on_post: *late* · ' : '';
  return `${ICON[state]} ${flag}${mention(item.memberId)} · ${roleOnSystem(catalog, item.systemId, item.roleId)}${id} — ${stateText(record, state, now)}`;
}

function stateText(record: ItemRecord, state: ItemState, now: Date): string {
  const { item, request, grant } = record;
  // The blocker age: how long the request has waited on what holds it now.
  const since = request ? ` ${formatDuration(blockerAgeMinutes(request, now))}` : '';
  switch (state) {
    case 'requested':
      return `requested${since} ago, finding approvers`;
    case 'waiting':
      return `waiting${since} on ${listPeople(request?.steps[request.currentStep]?.approvers ?? [])}`;
    case 'paused':
      return `paused: ${escapeText(item.gate?.reason ?? pausedBecause(request?.blockReason))}`;
    case 'refused':
      return `refused: ${escapeText(item.gate?.reason ?? '')}`;
    case 'approved':
      return grant?.status === 'provisioning_failed' ? 'approved; setting it up failed, security was alerted' : 'approved, being set up (waits on the owners\' "Done, granted")';
    case 'provisioned':
      return 'provisioned, not ready: waiting for the member to say it works';
    case 'verified':
      return `verified${item.verifiedBy ? ` by ${mention(item.verifiedBy)}` : ''}`;
    case 'declined':
      return 'declined by the member';
    case 'denied': {
      const reason = request && lastDecision(request)?.reason;
      return `denied${reason ? `: ${escapeText(truncate(reason, 200))}` : ''}`;
    }
    case 'cancelled':
      return 'cancelled';
    case 'ended':
      return 'access ended';
  }
}

function pausedBecause(reason: string | undefined): string {
  if (reason === 'no_reachable_owner') return 'no owner of the system can be reached';
  if (reason === 'unsafe_credential') return 'on hold after a password or key was posted';
  return 'nobody but the requester could approve it';
}

/** Opens the modal that adds members, or one more item for everyone. */
function addButton({ packet }: PacketState) {
  return button(PACKET_ACTION.add, 'Add people or access', String(packet.id), { label: `Add people or access to ${packet.name}` });
}

/** Close, confirmed in a dialog that lists the access that ends. */
function closeButton(state: PacketState, catalog: Catalog) {
  const live = state.items.filter((record) => record.grant && !['ending', 'ended'].includes(record.grant.status));
  const list = live.map(({ item }) => `${mention(item.memberId)} ${roleOnSystem(catalog, item.systemId, item.roleId)}`).join(', ');
  const text = live.length === 0 ? 'No access has been granted yet; nothing needs removing.' : `This access ends now (${live.length}): ${list}.`;
  return button(PACKET_ACTION.close, 'Close project', String(state.packet.id), {
    style: 'danger',
    label: `Close ${state.packet.name} and end its access`,
    confirm: { title: 'Close this project?', text: truncate(text, CONFIRM_MAX), confirm: 'Close and revoke' },
  });
}
