/**
 * What is said when a credential is posted or typed: to the poster (only them) and to
 * security. Every message names the kind of credential and never quotes it.
 */
import type { KnownBlock } from '@slack/types';
import { formatRequestId } from '../src/domain/types.js';
import type { CredentialAlerts, Exposure, Incident, Surface } from '../src/operations/ports.js';
import { safeWay } from './collection.js';
import { LIMIT, escapeText, mention, textMessage, truncate, type SlackMessage } from './text.js';

export function buildPosterWarning(incident: Incident, removed: boolean): SlackMessage {
  const kinds = describeLabels(incident.exposures);
  const done = removed ? 'I deleted your message.' : 'Please delete your message now.';
  const text = `:lock: That looks like ${kinds}. ${done} Treat it as exposed and rotate it: anyone here could have copied it.`;
  return textMessage(text, section(safeSharing(incident)));
}

export function buildSecurityAlert(incident: Incident, removed: boolean, permalink: string | undefined): SlackMessage {
  const where = permalink ? `<${permalink}|in <#${incident.channel}>>` : `in <#${incident.channel}>`;
  const about = incident.requestId ? ` (thread of ${formatRequestId(incident.requestId)}, now held)` : '';
  const text =
    `:rotating_light: ${mention(incident.poster)} posted ${describeLabels(incident.exposures)} ${where}${about}. ` +
    `Fingerprints: ${fingerprints(incident.exposures)}. ${removed ? 'The message was deleted.' : 'The message could not be deleted: ask them to remove it.'}`;
  return textMessage(text);
}

type TypedAttempt = Parameters<CredentialAlerts['alertSecurityOfTyped']>[0];

const TYPED_WHERE: Partial<Record<Surface, string>> = {
  modal: 'into a Latchkey form',
  slash_command: 'into the `/access` command',
  button: 'into a decision form',
};

/** A credential typed where nothing is posted: no link and nothing to delete, only who and what. */
export function buildTypedCredentialAlert(attempt: TypedAttempt): SlackMessage {
  const where = TYPED_WHERE[attempt.surface] ?? 'into Latchkey';
  const text =
    `:rotating_light: ${mention(attempt.poster)} typed ${describeLabels(attempt.exposures)} ${where}. ` +
    `Fingerprints: ${fingerprints(attempt.exposures)}. It was refused and nothing was stored; ask them to rotate it.`;
  return textMessage(text);
}

/** The ephemeral answer to `/access <credential>`: the kind, never the value. */
export function buildCommandWarning(exposures: Exposure[]): SlackMessage {
  const text =
    `:lock: That looks like ${describeLabels(exposures)}. I did not run the command and saved nothing. ` +
    'Treat it as exposed and rotate it. To get access, run `/access` alone and fill in the form: nobody needs to send a password.';
  return textMessage(text);
}

function fingerprints(exposures: Exposure[]): string {
  return exposures.map((e) => `\`${e.fingerprint}\` ${escapeText(e.label)}`).join(', ');
}

function safeSharing(incident: Incident): string {
  const system = incident.system;
  if (!system) {
    return 'To get access to a system, ask with `/access`: approved access is set up for your own account, and nobody needs to send a password.';
  }
  const ways = system.collection.map(safeWay).join('; or ');
  return `For *${escapeText(system.name)}*, ask with \`/access ${system.id}\`: ${ways}.`;
}

/** "an AWS secret access key", or "an AWS secret access key and a database URL with a password". */
function describeLabels(exposures: Exposure[]): string {
  const labels = [...new Set(exposures.map((e) => e.label))];
  return labels.length <= 1 ? (labels[0] ?? 'a credential') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMIT.text) } };
}
