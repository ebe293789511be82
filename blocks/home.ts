/**
 * A person's Home: New request and their own requests and access first, then the work
 * that waits on them as an approver, a coordinator or a security reviewer. Every list is
 * capped (src/domain/home.ts HOME_LIMITS) so the view stays within Slack's 100 blocks.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { accessStatus } from '../src/domain/access-status.js';
import type { RequestWithGrant } from '../src/domain/access-status.js';
import { formatDuration } from '../src/domain/duration.js';
import type { HomeData, OpenLine, RequesterHome } from '../src/domain/home.js';
import { usuallyDecided } from '../src/domain/typical-wait.js';
import { lastDecision } from '../src/domain/lifecycle.js';
import { formatRequestId, type Catalog, type Grant } from '../src/domain/types.js';
import { endedBecause, grantStateLine } from './grant-state.js';
import { approverBlocks, coordinatorBlocks, securityBlocks } from './home-work.js';
import { packetHomeBlocks } from './home-packets.js';
import { awayBlocks } from './home-delegation.js';
import { actions, button, more, note, roleOnSystem, section, title } from './home-parts.js';
import { ACTION } from './ids.js';
import { escapeText, listPeople, slackDate, truncate } from './text.js';

export function buildHomeView(data: HomeData, catalog: Catalog): HomeView {
  const sections = [
    requesterBlocks(data.requester, catalog),
    data.approver ? [...approverBlocks(data.approver, catalog), ...awayBlocks(data.away)] : [],
    data.coordinator ? coordinatorBlocks(data.coordinator, catalog) : [],
    data.packets ? packetHomeBlocks(data.packets, catalog) : [],
    data.security ? securityBlocks(data.security, catalog) : [],
  ].filter((blocks) => blocks.length > 0);
  const blocks = sections.flatMap((part, index) => (index === 0 ? part : [{ type: 'divider' } as KnownBlock, ...part]));
  return { type: 'home', blocks };
}

/**
 * What the person asked for and holds, with the buttons to act: the Home's first section,
 * and the `/access list` reply. `restIn`: where a capped list's rest can be seen.
 */
export function requesterBlocks(home: RequesterHome, catalog: Catalog, restIn = '`/access list`'): KnownBlock[] {
  return [
    title('home:you', 'Your access'),
    actions('home:new', [button(ACTION.newRequest, 'New request', 'new', { style: 'primary', label: 'Ask for access to a system' })]),
    section('home:open', '*Open requests*'),
    ...(home.open.items.length === 0 ? [note('home:open:none', 'Nothing waiting.')] : home.open.items.map((line) => openLine(line, catalog))),
    ...more('home:open:more', home.open, restIn),
    section('home:live', '*Access you hold*'),
    ...(home.live.items.length === 0 ? [note('home:live:none', 'None right now.')] : home.live.items.flatMap((grant) => liveGrant(grant, catalog))),
    ...more('home:live:more', home.live, restIn),
    section('home:ended', endedText(home.ended, catalog)),
  ];
}

/** `*AR-1042* Viewer on Billing, 1 d — pending, waiting 2 h on @A and @B` with Cancel. */
function openLine(line: OpenLine, catalog: Catalog): KnownBlock {
  const { request } = line;
  const id = formatRequestId(request.id);
  const age = formatDuration(line.ageMinutes);
  const state =
    line.waitingOn.kind === 'hold'
      ? `:no_entry: blocked for ${age}: ${line.waitingOn.reason === 'unsafe_credential' ? 'on hold after a password or key was posted; an approver can clear it' : 'nobody can approve it yet; the coordinators were told'}`
      : line.waitingOn.approvers.length === 0
        ? `:hourglass_flowing_sand: pending, finding approvers`
        : `:hourglass_flowing_sand: pending, waiting ${age} on ${waitingOn(line.waitingOn.approvers)}${line.typicalMinutes === undefined ? '' : `. ${usuallyDecided(line.typicalMinutes)}`}`;
  const text = `*${id}* ${roleOnSystem(catalog, request.systemId, request.roleId)}, ${formatDuration(request.durationMinutes)}\n${state}`;
  const cancel = button(ACTION.cancelRequest, 'Cancel', String(request.id), {
    label: `Cancel ${id}`,
    confirm: { title: `Cancel ${id}?`, text: 'The request is withdrawn and its approvers are told.', confirm: 'Cancel request' },
  });
  return section(`home:open:${request.id}`, text, cancel);
}

function waitingOn(approvers: readonly string[]): string {
  return approvers.length <= 5 ? listPeople(approvers) : `${listPeople(approvers.slice(0, 5))} and ${approvers.length - 5} others`;
}

function liveGrant(grant: Grant, catalog: Catalog): KnownBlock[] {
  const id = formatRequestId(grant.requestId);
  const text = `*${id}* ${roleOnSystem(catalog, grant.systemId, grant.roleId)}\n${grantStateLine(grant)}`;
  const buttons = [];
  if (grant.status === 'active') {
    buttons.push(button(ACTION.requestExtension, 'Request an extension', String(grant.requestId), { label: `Request an extension of ${id}` }));
  }
  if (grant.status === 'active' || grant.status === 'provisioning') {
    buttons.push(
      button(ACTION.releaseGrant, 'Release now', String(grant.requestId), {
        style: 'danger',
        label: `Release ${id} now`,
        confirm: { title: `Release ${id}?`, text: 'Your access ends now. You can ask again later.', confirm: 'Release' },
      }),
    );
  }
  const block = section(`home:live:${grant.requestId}`, text);
  return buttons.length > 0 ? [block, actions(`home:live:${grant.requestId}:act`, buttons)] : [block];
}

function endedText(ended: readonly RequestWithGrant[], catalog: Catalog): string {
  if (ended.length === 0) return '*Recently ended*\nNothing yet.';
  const lines = ended.map((listed) => {
    const { request, grant } = listed;
    const head = `*${formatRequestId(request.id)}* ${roleOnSystem(catalog, request.systemId, request.roleId)}`;
    return `${head} — ${truncate(howItEnded(listed, grant), 300)}`;
  });
  return ['*Recently ended*', ...lines].join('\n');
}

function howItEnded(listed: RequestWithGrant, grant: Grant | undefined): string {
  const { request } = listed;
  const status = accessStatus(listed);
  if (status === 'cancelled') return `:wastebasket: cancelled ${slackDate(request.updatedAt)}`;
  if (status === 'denied') {
    const decision = lastDecision(request);
    const reason = decision?.reason ? `: “${escapeText(truncate(decision.reason.replace(/\s+/g, ' '), 120))}”` : '';
    return `:x: denied${decision ? ` by <@${decision.by}> ${slackDate(decision.at)}` : ''}${reason}`;
  }
  return grant ? `:lock: ended ${slackDate(grant.endedAt ?? grant.expiresAt)}: ${endedBecause(grant)}` : status;
}
