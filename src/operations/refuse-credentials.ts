/**
 * Credentials are never taken: not in chat, not in a form, not in a slash command. Each one
 * seen is audited by kind and fingerprint, the poster is told how to share access safely,
 * and security is alerted.
 */
import { decodeSlackText, detectInDecodedText } from '../domain/credentials/detect-credentials.js';
import { DomainError, type ErrorDetails } from '../domain/errors.js';
import { blockForCredential } from '../domain/lifecycle.js';
import { systemMentioned } from '../domain/catalog-lookup.js';
import type { AccessRequest, UserId } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Deps, Exposure, Incident, Surface } from './ports.js';
import { refreshOf } from './effects-of.js';
import type { Effect } from '../domain/effects.js';

/** A message as posted in Slack, already stripped of its envelope. */
export interface PostedMessage {
  poster: UserId;
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
}

/** The credentials in plain `text`, each reduced to kind, label and fingerprint at once. */
export function findExposures(deps: Pick<Deps, 'fingerprint'>, text: string): Exposure[] {
  return detectInDecodedText(text).map((finding) => ({
    kind: finding.kind,
    label: finding.label,
    fingerprint: deps.fingerprint(text.slice(finding.start, finding.end)),
  }));
}

/**
 * Refuses the credentials in a posted message. Returns nothing for a clean message or a
 * redelivered one; otherwise the announcement (delete, warn, alert) to run after Slack's ack.
 */
export async function refuseCredentialsInMessage(deps: Deps, message: PostedMessage): Promise<(() => Promise<void>) | undefined> {
  const exposures = findExposures(deps, decodeSlackText(message.text));
  if (exposures.length === 0) return undefined;
  const now = deps.clock.now();
  const request = message.threadTs ? await deps.store.findRequestByCard(message.channel, message.threadTs) : undefined;
  const fresh = await deps.store.recordCredentialAttempts(
    exposures.map((e) => ({ ...e, poster: message.poster, surface: 'message', at: now, channel: message.channel, ts: message.ts, requestId: request?.id })),
  );
  if (fresh.length === 0) return undefined;
  deps.log.warn({ poster: message.poster, channel: message.channel, exposures: fresh.map(describe) }, 'credential refused');
  const held = request && (await holdRequest(deps, request, now));
  const incident: Incident = {
    ...message,
    exposures: fresh,
    system: request ? resolveRole(deps.catalog, request.systemId, request.roleId).system : systemMentioned(deps.catalog, message.text),
    ...(request ? { requestId: request.id } : {}),
  };
  return () => announceIncident(deps, incident, held);
}

/**
 * Refuses a form whose text fields hold a credential, naming the first field with one.
 * The attempt is audited and security alerted; nothing of the form is stored.
 */
export async function refuseCredentialsInForm(
  deps: Deps,
  actor: UserId,
  surface: Surface,
  fields: [NonNullable<ErrorDetails['field']>, string | undefined][],
): Promise<void> {
  for (const [field, text] of fields) {
    const exposures = text ? findExposures(deps, text) : [];
    if (exposures.length === 0) continue;
    await auditTyped(deps, actor, surface, exposures, field);
    // Not awaited: Slack waits for the form's answer (3 s at most), and a slow or failing
    // alert must neither delay nor undo the refusal. Its failure is logged.
    void alertTyped(deps, actor, surface, exposures);
    throw new DomainError('CREDENTIAL_IN_TEXT', { field, label: exposures[0]!.label });
  }
}

/** A refused `/access` text: what it held, and the alert to send once the user is answered. */
export interface CommandRefusal {
  exposures: Exposure[];
  announce: () => Promise<void>;
}

/**
 * Refuses a slash command whose text holds a credential (`/access AKIA…`): audited like a
 * form, and security alerted. Undefined when the text is clean, so the command runs.
 */
export async function refuseCredentialsInCommand(deps: Deps, actor: UserId, text: string): Promise<CommandRefusal | undefined> {
  const exposures = findExposures(deps, decodeSlackText(text));
  if (exposures.length === 0) return undefined;
  await auditTyped(deps, actor, 'slash_command', exposures);
  return { exposures, announce: () => alertTyped(deps, actor, 'slash_command', exposures) };
}

async function auditTyped(deps: Deps, actor: UserId, surface: Surface, exposures: Exposure[], field?: string): Promise<void> {
  const at = deps.clock.now();
  await deps.store.recordCredentialAttempts(exposures.map((e) => ({ ...e, poster: actor, surface, at })));
  deps.log.warn({ poster: actor, surface, ...(field ? { field } : {}), exposures: exposures.map(describe) }, 'credential refused');
}

function alertTyped(deps: Deps, poster: UserId, surface: Surface, exposures: Exposure[]): Promise<void> {
  return deps.credentialAlerts
    .alertSecurityOfTyped({ poster, surface, exposures })
    .catch((err: unknown) => deps.log.warn({ err, poster, surface }, 'could not alert security'));
}

async function holdRequest(deps: Deps, request: AccessRequest, now: Date): Promise<AccessRequest | undefined> {
  const held = blockForCredential(request, now);
  if (!held) return undefined;
  const effects: Effect[] = [refreshOf(held), { kind: 'tell_requester', requestId: held.id, news: 'blocked', version: held.version }];
  const stored = await deps.store.updateRequest(request, held, { actor: 'latchkey', action: 'request.blocked', surface: 'message' }, effects);
  return stored ? held : undefined;
}

async function announceIncident(deps: Deps, incident: Incident, held: AccessRequest | undefined): Promise<void> {
  const alerts = deps.credentialAlerts;
  const removed = await alerts.removeMessage(incident).catch(() => false);
  await Promise.all([
    alerts.warnPoster(incident, removed).catch((err: unknown) => deps.log.warn({ err }, 'could not warn the poster')),
    alerts.alertSecurity(incident, removed).catch((err: unknown) => deps.log.warn({ err }, 'could not alert security')),
    held && deps.runEffects(held.id),
  ]);
}

const describe = (exposure: Exposure) => ({ kind: exposure.kind, fingerprint: exposure.fingerprint });
