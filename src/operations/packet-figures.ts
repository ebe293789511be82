import { pooledReadiness } from '../domain/packets/readiness.js';
import { byRisk, summarisePacket, type PacketFigures } from '../domain/packets/summary.js';
import type { UserId } from '../domain/types.js';
import { packetState } from './packet-news.js';
import type { Deps } from './ports.js';
import { calendarDate } from './support.js';
import { addDays } from './time-zone.js';

/** Packets whose start is this recent count towards the overall figure. */
export const FIGURE_WINDOW_DAYS = 30;

/**
 * The packet figures from stored state: per packet, and overall for the packets that started
 * in the last 30 days. `coordinator` keeps to one coordinator's packets (their Home).
 */
export async function packetFigures(deps: Pick<Deps, 'packets' | 'clock' | 'catalog'>, coordinator?: UserId): Promise<PacketFigures> {
  const today = calendarDate(deps.clock.now(), deps.catalog.settings.timezone);
  const recent = await deps.packets.listStartedSince(addDays(today, -FIGURE_WINDOW_DAYS));
  const open = await deps.packets.listOpen();
  const ids = [...new Set([...open, ...recent].filter((packet) => !coordinator || packet.coordinatorId === coordinator).map((packet) => packet.id))];
  const states = await Promise.all(ids.map((id) => packetState(deps, id)));
  const packets = states.flatMap((state) => (state ? [summarisePacket(state)] : [])).sort(byRisk);
  const started = packets.filter((summary) => summary.atStart && summary.packet.plannedStart >= addDays(today, -FIGURE_WINDOW_DAYS));
  return { packets, readyBeforeStart: pooledReadiness(started.map((summary) => summary.atStart!)) };
}
