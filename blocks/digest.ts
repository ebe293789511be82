/**
 * The coordinators' daily digest: what is blocked and for how long, revocations that need
 * people, and yesterday's measurements. Slack takes at most 50 blocks in a message, so only
 * the oldest blockers get a line each; the rest are counted.
 */
import type { KnownBlock } from '@slack/types';
import type { BlockerLine, Digest, DigestStats, WaitingOn } from '../src/domain/digest.js';
import { AT_RISK_DAYS } from '../src/domain/digest.js';
import { formatDuration } from '../src/domain/duration.js';
import type { BlockReason, Catalog, Grant } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import { context as contextBlock } from './request-summary.js';
import { packetDigestBlocks } from './home-packets.js';
import { LIMIT, escapeText, listPeople, mention, plain, slackDate, truncate, type SlackMessage } from './text.js';

export const MAX_BLOCKERS_LISTED = 20;
export const MAX_REVOCATIONS_LISTED = 10;
/** Beyond this many approvers a line names the first few: a resolved user group can be large. */
const MAX_NAMED = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DigestContext {
  catalog: Catalog;
  timezone: string;
  /** Today, `YYYY-MM-DD` in the catalog's time zone. */
  date: string;
}

const HOLD: Record<BlockReason, string> = {
  no_eligible_approver: 'nobody but the requester may approve',
  no_reachable_owner: 'no owner in the catalog can be reached',
  unsafe_credential: 'on hold after a password or key was posted',
};

export function buildDigestMessage(digest: Digest, context: DigestContext): SlackMessage {
  const body = digest.empty
    ? [section(':white_check_mark: Nothing blocked.')]
    : [...blockerBlocks(digest, context.catalog), ...revocationBlocks(digest.revocations, context.catalog)];
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(truncate(`Access blockers · ${context.date}`, LIMIT.header)) },
    ...(digest.packets ? packetDigestBlocks(digest.packets) : []),
    ...body,
    { type: 'divider' },
    statsBlock(digest.stats, context),
  ];
  return { text: truncate(fallbackText(digest, context.date), LIMIT.fallbackText), blocks };
}

function blockerBlocks(digest: Digest, catalog: Catalog): KnownBlock[] {
  const shown = digest.blockers.slice(0, MAX_BLOCKERS_LISTED);
  const hidden = digest.blockers.slice(MAX_BLOCKERS_LISTED);
  const blocks = shown.map((line) => section(blockerText(line, catalog)));
  if (hidden.length === 0) return blocks;
  const atRisk = hidden.filter((line) => line.neededByAtRisk).length;
  const risk = atRisk ? ` (${atRisk} of them needed within ${AT_RISK_DAYS} days)` : '';
  return [...blocks, contextBlock(`…and ${hidden.length} more${risk}.`)];
}

/** `*AR-1042* <@U…> · Administrator on Billing — waiting 2 d 4 h on <@A> and <@B>` */
export function blockerText(line: BlockerLine, catalog: Catalog): string {
  const { request } = line;
  const head = `*${formatRequestId(request.id)}* ${mention(request.requesterId)} · ${roleOnSystem(catalog, request.systemId, request.roleId)}`;
  const risk = line.neededByAtRisk ? `\n:warning: needed by ${request.neededBy}` : '';
  return `${head} — ${waitText(line.waitingOn, formatDuration(line.ageMinutes))}${risk}`;
}

function waitText(waitingOn: WaitingOn, age: string): string {
  if (waitingOn.kind === 'hold') return `blocked ${age}: ${waitingOn.reason ? HOLD[waitingOn.reason] : 'on hold'}`;
  if (waitingOn.approvers.length === 0) return `waiting ${age} for approvers to be found`;
  return `waiting ${age} on ${people(waitingOn.approvers)}`;
}

function people(ids: readonly string[]): string {
  if (ids.length <= MAX_NAMED) return listPeople(ids);
  return `${ids.slice(0, MAX_NAMED).map(mention).join(', ')} and ${ids.length - MAX_NAMED} others`;
}

function revocationBlocks(grants: readonly Grant[], catalog: Catalog): KnownBlock[] {
  if (grants.length === 0) return [];
  const lines = grants.slice(0, MAX_REVOCATIONS_LISTED).map((grant) => revocationText(grant, catalog));
  const more = grants.length > MAX_REVOCATIONS_LISTED ? [`…and ${grants.length - MAX_REVOCATIONS_LISTED} more.`] : [];
  return [section(['*Revocations that need people*', ...lines, ...more].join('\n'))];
}

function revocationText(grant: Grant, catalog: Catalog): string {
  const head = `*${formatRequestId(grant.requestId)}* ${mention(grant.userId)} · ${roleOnSystem(catalog, grant.systemId, grant.roleId)}`;
  const attempts = `${grant.attempts} ${grant.attempts === 1 ? 'attempt' : 'attempts'}`;
  const state =
    grant.status === 'revocation_failed'
      ? `:x: revocation failed after ${attempts}`
      : grant.status === 'provisioning_failed'
        ? `:x: provisioning failed after ${attempts}`
        : `:hourglass: still ${grant.status === 'ending' ? 'being removed' : 'active'}, ended ${slackDate(grant.expiresAt)}`;
  return `${head} — ${state}`;
}

function statsBlock(stats: DigestStats, { timezone, date }: DigestContext): KnownBlock {
  const ratio = (value: number | undefined, done: number, of: number, none: string) =>
    value === undefined ? none : `${Math.round(value * 100)} % (${done} of ${of})`;
  const age = (minutes: number | undefined) => (minutes === undefined ? 'nobody waiting' : formatDuration(minutes));
  const fields: [string, string][] = [
    ['Completion rate', ratio(stats.completionRate, stats.completed, stats.submitted, 'none submitted')],
    ['Median blocker age', age(stats.medianBlockerAgeMinutes)],
    ['Oldest blocker age', age(stats.oldestBlockerAgeMinutes)],
    ['Privileged reviews', String(stats.privilegedReviews)],
    ['Unsafe credential attempts', String(stats.unsafeCredentialAttempts)],
    ['Deprovisioning completion', ratio(stats.deprovisioningCompletion, stats.revocationsDone, stats.revocationsDue, 'none due')],
    ['Granted late', String(stats.grantedLate)],
  ];
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: `*Yesterday* · ${previousDay(date)} (${escapeText(timezone)})` },
    fields: fields.map(([name, value]) => ({ type: 'mrkdwn', text: `*${name}*\n${value}` })),
  };
}

function fallbackText(digest: Digest, date: string): string {
  if (digest.empty) return `Access blockers · ${date}: nothing blocked.`;
  const oldest = digest.blockers[0];
  const waiting = oldest ? `${digest.blockers.length} waiting, the oldest for ${formatDuration(oldest.ageMinutes)}` : 'nothing waiting';
  return `Access blockers · ${date}: ${waiting}; ${digest.revocations.length} revocations need people.`;
}

/** "Administrator on Billing (Stripe)", falling back to ids for entries the catalog no longer has. */
function roleOnSystem(catalog: Catalog, systemId: string, roleId: string): string {
  const system = catalog.systems.find((candidate) => candidate.id === systemId);
  const role = system?.roles.find((candidate) => candidate.id === roleId);
  return `${escapeText(role?.name ?? roleId)} on ${escapeText(system?.name ?? systemId)}`;
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMIT.text) } };
}
