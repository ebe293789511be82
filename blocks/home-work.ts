/**
 * The Home's work sections: decisions waiting on an approver, blocked requests and long
 * waits for coordinators, privileged and failed access and refused credentials for
 * security. Buttons carry the same action ids and values as the cards, so a click here
 * takes exactly the path a click on a card takes.
 */
import type { KnownBlock } from '@slack/types';
import { CREDENTIAL_LABELS, type CredentialKind } from '../src/domain/credentials/kinds.js';
import type { DigestStats } from '../src/domain/digest.js';
import { formatDuration } from '../src/domain/duration.js';
import type { CoordinatorHome, Page, SecurityHome, WaitLine } from '../src/domain/home.js';
import { hasNarrowerSuggestion } from '../src/domain/lifecycle.js';
import { mayRouteAgain } from '../src/domain/route-again.js';
import { formatRequestId, type Catalog, type Grant } from '../src/domain/types.js';
import { blockerText } from './digest.js';
import { actions, button, more, note, quote, roleName, roleOnSystem, section, title } from './home-parts.js';
import { ACTION, cardValue } from './ids.js';
import { escapeText, mention, slackDate } from './text.js';

export function approverBlocks(waiting: Page<WaitLine>, catalog: Catalog): KnownBlock[] {
  const items = waiting.items.flatMap((line) => decision(line, catalog));
  return [
    title('home:decide', 'Waiting on you'),
    ...(items.length === 0 ? [note('home:decide:none', 'Nothing waits on your decision.')] : items),
    ...more('home:decide:more', waiting, 'oldest first here; the rest are on their cards'),
  ];
}

function decision(line: WaitLine, catalog: Catalog): KnownBlock[] {
  const { request } = line;
  const id = formatRequestId(request.id);
  const step = request.steps[request.currentStep];
  const value = cardValue({ requestId: request.id, stepIndex: request.currentStep });
  const suggested = hasNarrowerSuggestion(request) ? ` (suggested: ${roleName(catalog, request.systemId, request.draft.roleId)}, ${formatDuration(request.draft.durationMinutes)})` : '';
  const text = [
    `*${id}* ${mention(request.requesterId)} · ${roleOnSystem(catalog, request.systemId, request.roleId)}, ${formatDuration(request.durationMinutes)}${suggested}`,
    `${step?.kind === 'security' ? 'Security review' : 'Owner approval'} · waiting ${formatDuration(line.ageMinutes)}${request.neededBy ? ` · needed by ${request.neededBy}` : ''}`,
    quote(request.purpose),
  ].join('\n');
  const buttons = [
    button(ACTION.approve, 'Approve', value, { style: 'primary', label: `Approve ${id}` }),
    ...(hasNarrowerSuggestion(request) ? [button(ACTION.approveSuggested, 'Approve suggested', value, { label: `Approve the suggestion for ${id}` })] : []),
    button(ACTION.deny, 'Deny…', value, { style: 'danger', label: `Deny ${id}` }),
  ];
  return [section(`home:decide:${request.id}`, text), actions(`home:decide:${request.id}:act`, buttons)];
}

export function coordinatorBlocks(home: CoordinatorHome, catalog: Catalog): KnownBlock[] {
  const blocked = home.blocked.items.map((line) => {
    const id = formatRequestId(line.request.id);
    const again = mayRouteAgain(line.request) ? button(ACTION.routeAgain, 'Route again', String(line.request.id), { label: `Route ${id} again` }) : undefined;
    return section(`home:blocked:${line.request.id}`, blockerText(line, catalog), again);
  });
  const waits = home.longestWaits.items.map((line) =>
    section(`home:wait:${line.request.id}`, blockerText(line, catalog), button(ACTION.nudge, 'Nudge', String(line.request.id), { label: `Remind the approvers of ${formatRequestId(line.request.id)}` })),
  );
  return [
    title('home:coord', 'Coordinating'),
    section('home:blocked', '*Blocked*'),
    ...(blocked.length === 0 ? [note('home:blocked:none', 'Nothing blocked.')] : blocked),
    ...more('home:blocked:more', home.blocked, '`/access digest`'),
    section('home:waits', '*Longest waits*'),
    ...(waits.length === 0 ? [note('home:waits:none', 'Nothing waiting.')] : waits),
    ...more('home:waits:more', home.longestWaits, '`/access digest`'),
    statsBlock(home.yesterday, home.yesterdayDate),
  ];
}

function statsBlock(stats: DigestStats, date: string): KnownBlock {
  const ratio = (value: number | undefined, none: string) => (value === undefined ? none : `${Math.round(value * 100)} %`);
  const age = (minutes: number | undefined) => (minutes === undefined ? 'nobody waiting' : formatDuration(minutes));
  const fields: [string, string][] = [
    ['Submitted / completed', `${stats.submitted} / ${stats.completed}`],
    ['Completion rate', ratio(stats.completionRate, 'none submitted')],
    ['Median blocker age', age(stats.medianBlockerAgeMinutes)],
    ['Oldest blocker age', age(stats.oldestBlockerAgeMinutes)],
    ['Privileged reviews', String(stats.privilegedReviews)],
    ['Unsafe credential attempts', String(stats.unsafeCredentialAttempts)],
    ['Deprovisioning completion', ratio(stats.deprovisioningCompletion, 'none due')],
    ['Granted late', String(stats.grantedLate)],
  ];
  return {
    type: 'section',
    block_id: 'home:yesterday',
    text: { type: 'mrkdwn', text: `*Yesterday* · ${date}` },
    fields: fields.map(([name, value]) => ({ type: 'mrkdwn', text: `*${name}*\n${value}` })),
  };
}

export function securityBlocks(home: SecurityHome, catalog: Catalog): KnownBlock[] {
  const privileged = home.privileged.items.map((grant) => {
    const id = formatRequestId(grant.requestId);
    const revoke = button(ACTION.revokeGrant, 'Revoke', String(grant.requestId), {
      style: 'danger',
      label: `Revoke ${id}`,
      confirm: { title: `Revoke ${id}?`, text: `${mention(grant.userId)} loses this access now.`, confirm: 'Revoke' },
    });
    return section(`home:priv:${grant.requestId}`, `${grantHead(grant, catalog)} — until ${slackDate(grant.expiresAt)}`, revoke);
  });
  return [
    title('home:security', 'Security'),
    section('home:priv', '*Privileged access now*'),
    ...(privileged.length === 0 ? [note('home:priv:none', 'No privileged access is active.')] : privileged),
    ...more('home:priv:more', home.privileged, 'soonest end first here'),
    section('home:failed', '*Failed set-ups and removals*'),
    ...(home.failed.items.length === 0 ? [note('home:failed:none', 'None.')] : home.failed.items.flatMap((grant) => failedGrant(grant, catalog))),
    ...more('home:failed:more', home.failed, 'in the daily digest'),
    section('home:attempts', attemptsText(home)),
  ];
}

function grantHead(grant: Grant, catalog: Catalog): string {
  return `*${formatRequestId(grant.requestId)}* ${mention(grant.userId)} · ${roleOnSystem(catalog, grant.systemId, grant.roleId)}`;
}

function failedGrant(grant: Grant, catalog: Catalog): KnownBlock[] {
  const id = formatRequestId(grant.requestId);
  const removal = grant.status === 'revocation_failed';
  const what = removal ? ':x: could not be removed' : ':x: could not be set up';
  const value = String(grant.requestId);
  const done = removal
    ? button(ACTION.deprovisioned, 'Done, removed', value, { label: `${id}: removed by hand` })
    : button(ACTION.provisioned, 'Done, granted', value, { label: `${id}: set up by hand` });
  return [
    section(`home:failed:${grant.requestId}`, `${grantHead(grant, catalog)} — ${what} after ${grant.attempts} ${grant.attempts === 1 ? 'attempt' : 'attempts'}`),
    actions(`home:failed:${grant.requestId}:act`, [button(ACTION.retryGrant, 'Retry', value, { style: 'primary', label: `Retry ${id}` }), done]),
  ];
}

function attemptsText(home: SecurityHome): string {
  if (home.attempts.length === 0) return '*Refused credentials*\nNone recorded.';
  const lines = home.attempts.map((attempt) => {
    const kind = CREDENTIAL_LABELS[attempt.kind as CredentialKind] ?? escapeText(attempt.kind);
    const where = attempt.channel ? `<#${escapeText(attempt.channel)}>` : `the ${escapeText(attempt.surface.replace('_', ' '))}`;
    const request = attempt.requestId ? ` (${formatRequestId(attempt.requestId)})` : '';
    return `${slackDate(attempt.at)} ${mention(attempt.poster)} · ${kind} · in ${where}${request}`;
  });
  return ['*Refused credentials* (kind, who, where; never the value)', ...lines].join('\n');
}
