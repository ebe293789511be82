/**
 * One person's Home as plain data: what they asked for and hold, and, by what they are,
 * what waits on them: decisions (approvers), blocked and long waits (coordinators),
 * privileged and failed access and refused credentials (security reviewers).
 */
import { AT_RISK_DAYS, blockerAgeMinutes, buildDigest, daysBetween, type BlockerLine } from '../domain/digest.js';
import { HOME_LIMITS, type CoordinatorHome, type HomeData, type Page, type SecurityHome } from '../domain/home.js';
import type { AccessRequest, Catalog, UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { calendarDate, everyone } from './support.js';
import { addDays, startOfDay } from './time-zone.js';

export async function buildHome(deps: Deps, userId: UserId): Promise<HomeData> {
  const now = deps.clock.now();
  const today = calendarDate(now, deps.catalog.settings.timezone);
  const roles = await rolesOf(deps, userId);
  const lines = (page: Page<AccessRequest>) => ({ items: page.items.map((request) => waitLine(request, now, today)), total: page.total });
  const [open, live, ended, waiting, coordinator, security] = await Promise.all([
    deps.homes.openRequestsOf(userId, HOME_LIMITS.open),
    deps.grants.listLiveGrants(userId),
    deps.homes.endedRequestsOf(userId, HOME_LIMITS.ended),
    deps.homes.waitingOn(userId, HOME_LIMITS.waiting),
    roles.coordinator ? coordinatorHome(deps, now, today) : undefined,
    roles.security ? securityHome(deps) : undefined,
  ]);
  return {
    userId,
    requester: { open: lines(open), live: { items: live.slice(0, HOME_LIMITS.live), total: live.length }, ended },
    ...(roles.approver || waiting.total > 0 ? { approver: lines(waiting) } : {}),
    ...(coordinator ? { coordinator } : {}),
    ...(security ? { security } : {}),
  };
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
