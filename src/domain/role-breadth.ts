/**
 * How broad a role is, to compare two roles of one system: privileged roles are broader
 * than unprivileged ones, then higher risk is broader, then the catalog's order decides
 * (roles are listed from narrowest to broadest).
 */
import type { Role, System } from './types.js';

const RISK = { low: 0, medium: 1, high: 2 } as const;

export function breadth(system: System, role: Role): [number, number, number] {
  return [role.privileged ? 1 : 0, RISK[role.risk], system.roles.findIndex((candidate) => candidate.id === role.id)];
}

/** True when `a` grants no more than `b`. */
export function isNoBroader(system: System, a: Role, b: Role): boolean {
  const [x, y] = [breadth(system, a), breadth(system, b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return true;
}

const READ_ROLE = /\b(read|reads|reader|read-only|readonly|view|viewer|views|report|reports|reporting|analyst|auditor)\b/i;

/** The narrowest role below `asked` whose name or description says it only reads. */
export function narrowestReadRole(system: System, asked: Role): Role | undefined {
  return system.roles
    .filter((role) => role.id !== asked.id && !role.privileged && isNoBroader(system, role, asked))
    .filter((role) => READ_ROLE.test(`${role.name} ${role.description}`))
    .sort((a, b) => (isNoBroader(system, a, b) ? -1 : 1))[0];
}
