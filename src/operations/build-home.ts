/**
 * One person's Home as plain data: what they asked for and hold, and, by what they are,
 * what waits on them: decisions (approvers), blocked and long waits (coordinators),
 * privileged and failed access and refused credentials (security reviewers).
 */
import { AT_RISK_DAYS, blockerAgeMinutes, buildDigest, daysBetween, type BlockerLine } from '../domain/digest.js';
import { HOME_LIMITS, type CoordinatorHome, type HomeData, type Page, type RequesterHome, type RequesterLimits, type SecurityHome } from '../domain/home.js';
import type { AccessRequest, Catalog, UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { packetFigures } from './packet-figures.js';
import { calendarDate, everyone } from './support.js';
import { addDays, startOfDay } from './time-zone.js';
import { withTypicalWaits } from './typical-wait.js';

export async function buildHome(deps: Deps, userId: UserId): Promise<HomeData> {
  const now = deps.clock.now();
  const today = calendarDate(now, deps.catalog.settings.timezone);
  const roles = await rolesOf(deps, userId);
  const lines = (page: Page<AccessRequest>) => ({ items: page.items.map((request) => waitLine(request, now, today)), total: page.total });
  const [requester, waiting, coordinator, security, delegations] = await Promise.all([
    buildRequesterHome(deps, userId),
    deps.homes.waitingOn(userId, HOME_LIMITS.waiting),
    roles.coordinator ? coordinatorHome(deps, now, today) : undefined,
    roles.security ? securityHome(deps) : undefined,
    roles.approver ? deps.delegations.holding([userId], now) : [],
  ]);
  return {
    userId,
    requester,
    ...(roles.approver || waiting.total > 0 ? { approver: lines(waiting) } : {}),
    ...(roles.approver ? { away: delegations[0] ? { delegation: delegations[0] } : {} } : {}),
    ...(coordinator ? { coordinator } : {}),
    ...(roles.coordinator ? { packets: await packetFigures(deps, userId) } : {}),
    ...(security ? { security } : {}),
  };
}

/**
 * What the person asked for and holds: the Home's first section, and `/access list`. Open
 * requests say how long their step usually waits.
 */
export async function buildRequesterHome(deps: Deps, userId: UserId, limits: RequesterLimits = HOME_LIMITS): Promise<RequesterHome> {
  const now = deps.clock.now();
  const today = calendarDate(now, deps.catalog.settings.timezone);
  const [open, live, ended] = await Promise.all([
    deps.homes.openRequestsOf(userId, limits.open),
    deps.grants.listLiveGrants(userId),
    deps.homes.endedRequestsOf(userId, limits.ended),
  ]);
  const lines = { items: open.items.map((request) => waitLine(request, now, today)), total: open.total };
  return { open: await withTypicalWaits(deps, lines), live: { items: live.slice(0, limits.live), total: live.length }, ended };
}

/** What the catalog makes a person: an owner of some system, a security reviewer, a coordinator. */
async function rolesOf(deps: Pick<Deps, 'catalog' | 'directory'>, userId: UserId) {
  const { catalog, directory } = deps;
  const [owners, security, coordinators] = await Promise.all([
    everyone(directory, catalog.systems.flatMap((system) => system.owners)),
    everyone(directory, catalog.security.reviewers),
    everyone(directory, catalog.coordinators),
  ]);
  const isSecurity = security.includes(userId);
  return { approver: isSecurity || owners.includes(userId), security: isSecurity, coordinator: coordinators.includes(userId) };
}

async function coordinatorHome(deps: Deps, now: Date, today: string): Promise<CoordinatorHome> {
  const tz = deps.catalog.settings.timezone;
  const yesterday = addDays(today, -1);
  const [blocked, longest, day] = await Promise.all([
    deps.homes.blockedRequests(HOME_LIMITS.blocked),
    deps.homes.longestWaits(HOME_LIMITS.longestWaits),
    deps.digests.read(now, startOfDay(yesterday, tz), startOfDay(today, tz)),
  ]);
  const lines = (page: Page<AccessRequest>) => ({ items: page.items.map((request) => waitLine(request, now, today)), total: page.total });
  const { stats } = buildDigest({ now, today, open: [], grantsNeedingAttention: [], measurements: day.measurements });
  return { blocked: lines(blocked), longestWaits: lines(longest), yesterday: stats, yesterdayDate: yesterday };
}

async function securityHome(deps: Deps): Promise<SecurityHome> {
  const [privileged, failed, attempts] = await Promise.all([
    deps.homes.privilegedGrants(privilegedRoles(deps.catalog), HOME_LIMITS.privileged),
    deps.homes.failedGrants(HOME_LIMITS.failed),
    deps.homes.credentialAttempts(HOME_LIMITS.attempts),
  ]);
  return { privileged, failed, attempts };
}

/** `system:role` of every privileged role in the catalog. */
export function privilegedRoles(catalog: Catalog): string[] {
  return catalog.systems.flatMap((system) => system.roles.filter((role) => role.privileged).map((role) => `${system.id}:${role.id}`));
}

/** Since when and on whom (or on what hold) a request waits, as the digest says it. */
export function waitLine(request: AccessRequest, now: Date, today: string): BlockerLine {
  return {
    request,
    ageMinutes: blockerAgeMinutes(request, now),
    waitingOn:
      request.status === 'blocked'
        ? { kind: 'hold', ...(request.blockReason ? { reason: request.blockReason } : {}) }
        : { kind: 'approvers', approvers: request.steps[request.currentStep]?.approvers ?? [] },
    neededByAtRisk: request.neededBy !== undefined && daysBetween(today, request.neededBy) <= AT_RISK_DAYS,
  };
}
