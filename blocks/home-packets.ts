/**
 * The coordinator's project packets on their Home: each with its readiness bar, blockers and,
 * once started, the share that was ready at the start; the pooled figure over the last 30
 * days. Capped, so the Home stays within Slack's 100 blocks.
 */
import type { KnownBlock } from '@slack/types';
import type { PacketFigures, PacketSummary } from '../src/domain/packets/summary.js';
import type { Catalog } from '../src/domain/types.js';
import { button, more, section } from './home-parts.js';
import { PACKET_ACTION } from './packet-ids.js';
import { readinessText } from './packet-tracker.js';
import { escapeText } from './text.js';

export const HOME_PACKETS = 5;

export function packetHomeBlocks(figures: PacketFigures, catalog: Catalog): KnownBlock[] {
  if (catalog.packets.length === 0 && figures.packets.length === 0) return [];
  const shown = figures.packets.slice(0, HOME_PACKETS);
  const create = button(PACKET_ACTION.newPacket, 'New project', 'new', { label: 'Request everything a project needs for its members' });
  return [
    section('home:packets', `*Project packets*${figureText(figures)}`, ...(catalog.packets.length > 0 ? [create] : [])),
    ...shown.map((summary) => section(`home:packet:${summary.packet.id}`, packetLine(summary))),
    ...more('home:packets:more', { items: shown, total: figures.packets.length }, 'their trackers in your DMs'),
  ];
}

/** The digest's packets, before single requests: those at risk first, the rest counted. */
export function packetDigestBlocks(figures: PacketFigures): KnownBlock[] {
  const open = figures.packets.filter((summary) => summary.packet.status === 'open');
  if (open.length === 0 && figures.readyBeforeStart.ratio === undefined) return [];
  const shown = open.slice(0, HOME_PACKETS);
  return [
    section('digest:packets', `*Project packets*${figureText(figures)}`),
    ...shown.map((summary) => section(`digest:packet:${summary.packet.id}`, packetLine(summary))),
    ...more('digest:packets:more', { items: shown, total: open.length }, 'on your Home'),
  ];
}

const percent = (ratio: number): string => `${Math.round(ratio * 100)} %`;

function figureText({ readyBeforeStart }: PacketFigures): string {
  if (readyBeforeStart.ratio === undefined) return '';
  return ` · ready before start (last 30 days): *${percent(readyBeforeStart.ratio)}* (${readyBeforeStart.verified} of ${readyBeforeStart.required})`;
}

/** `:triangular_flag_on_post: *Acme launch* — 4 of 6 verified, start in 2 days · 2 late`. */
export function packetLine(summary: PacketSummary): string {
  const parts = [readinessText(summary.readiness)];
  if (summary.flagged > 0) parts.push(`${summary.flagged} late`);
  if (summary.declined > 0) parts.push(`${summary.declined} declined`);
  if (summary.atStart?.ratio !== undefined) parts.push(`ready at start ${percent(summary.atStart.ratio)}`);
  if (summary.delay.days > 0) parts.push(`delay ${summary.delay.days} day${summary.delay.days === 1 ? '' : 's'}${summary.delay.settled ? '' : ' so far'}`);
  if (summary.deprovisioning) parts.push(`closed, access ended ${summary.deprovisioning.ended} of ${summary.deprovisioning.total}`);
  const icon = summary.atRisk ? ':triangular_flag_on_post:' : summary.packet.status === 'closed' ? ':lock:' : ':package:';
  return `${icon} *${escapeText(summary.packet.name)}* — ${parts.join(' · ')}`;
}

