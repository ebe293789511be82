/**
 * Project packets on `/metrics`, computed from stored state at each scrape, so every replica
 * reports the same: the pilot's `access_request_ready_before_start` over the packets that
 * started in the last 30 days, and per packet its readiness, blockers, declines and delay.
 */
import { Gauge, type Registry } from 'prom-client';
import type { PacketFigures } from '../domain/packets/summary.js';

export function packetGauges(registry: Registry, read: () => Promise<PacketFigures>): void {
  const registers = [registry];
  let figures: Promise<PacketFigures> | undefined;
  // One read per scrape, shared by the gauges below; the first to collect starts it.
  const once = () => (figures ??= read().finally(() => setTimeout(() => (figures = undefined), 0)));
  new Gauge({
    name: 'latchkey_access_request_ready_before_start',
    help: 'Share of project packet items verified by the planned start, over the packets that started in the last 30 days (absent when none did).',
    registers,
    async collect() {
      const ratio = (await once()).readyBeforeStart.ratio;
      this.reset();
      if (ratio !== undefined) this.set(ratio);
    },
  });
  new Gauge({
    name: 'latchkey_packet_items',
    help: 'Items of open and lately started project packets, by packet id and kind (required, verified, flagged, declined).',
    labelNames: ['packet', 'kind'] as const,
    registers,
    async collect() {
      this.reset();
      for (const summary of (await once()).packets) {
        const packet = String(summary.packet.id);
        this.set({ packet, kind: 'required' }, summary.readiness.required);
        this.set({ packet, kind: 'verified' }, summary.readiness.verified);
        this.set({ packet, kind: 'flagged' }, summary.flagged);
        this.set({ packet, kind: 'declined' }, summary.declined);
      }
    },
  });
  new Gauge({
    name: 'latchkey_packet_access_delay_days',
    help: 'Implementation delay caused by access gaps: days from a packet\'s planned start to its last item verified (still growing while one is not).',
    labelNames: ['packet'] as const,
    registers,
    async collect() {
      this.reset();
      for (const summary of (await once()).packets) this.set({ packet: String(summary.packet.id) }, summary.delay.days);
    },
  });
}
