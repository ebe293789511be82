/**
 * The series read from the database at each scrape (store/measurements.ts): the same on
 * every replica, and none lost by a restart. A failed read fails the scrape rather than
 * serving numbers from an earlier one.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Measurements } from '../store/measurements.js';

export function databaseGauges(registry: Registry, read: () => Promise<Measurements>): { refresh(): Promise<void> } {
  const registers = [registry];
  const attempts = new Counter({
    name: 'latchkey_unsafe_credential_attempts_total',
    help: 'Credentials refused, by kind and where they were posted.',
    labelNames: ['kind', 'surface'] as const,
    registers,
  });
  const requests = new Gauge({
    name: 'latchkey_requests',
    help: "Access requests by status (pending, blocked, denied …); an approved one counts under its grant's state.",
    labelNames: ['status'] as const,
    registers,
  });
  const effects = new Gauge({
    name: 'latchkey_effects',
    help: 'Effects waiting to be carried out (pending) or given up on (failed), by kind.',
    labelNames: ['kind', 'status'] as const,
    registers,
  });
  const oldestEffect = new Gauge({
    name: 'latchkey_oldest_pending_effect_seconds',
    help: 'Age of the oldest effect still waiting: it grows while something keeps failing.',
    registers,
  });
  const oldestBlocker = new Gauge({
    name: 'latchkey_oldest_blocker_seconds',
    help: 'How long the request held back longest has waited, on approvers or on hold; 0 when none waits.',
    registers,
  });
  const grants = new Gauge({
    name: 'latchkey_grants',
    help: 'Grants not yet ended, by status (active, provisioning, ending, provisioning_failed, revocation_failed) and whether the role is privileged.',
    labelNames: ['status', 'privileged'] as const,
    registers,
  });

  return {
    async refresh() {
      const m = await read();
      // Reset first: a status with no rows left must drop out, not keep its last count.
      for (const metric of [attempts, requests, effects, grants]) metric.reset();
      for (const a of m.credentialAttempts) attempts.inc({ kind: a.kind, surface: a.surface }, a.count);
      for (const r of m.requests) requests.set({ status: r.status }, r.count);
      for (const e of m.effects) effects.set({ kind: e.kind, status: e.status }, e.count);
      for (const g of m.grants) grants.set({ status: g.status, privileged: String(g.privileged) }, g.count);
      oldestEffect.set(m.oldestPendingEffectSeconds);
      oldestBlocker.set(m.oldestBlockerSeconds);
    },
  };
}
