/**
 * What is said when a credential is posted: to the poster (only them) and to security.
 * Both name the kind of credential and never quote it.
 */
import type { KnownBlock } from '@slack/types';
import { formatRequestId } from '../src/domain/types.js';
import type { Incident } from '../src/operations/ports.js';
import { safeWay } from './collection.js';
import { LIMIT, escapeText, mention, textMessage, truncate, type SlackMessage } from './text.js';

export function buildPosterWarning(incident: Incident, removed: boolean): SlackMessage {
  const kinds = describeKinds(incident);
  const done = removed ? 'I deleted your message.' : 'Please delete your message now.';
  const text = `:lock: That looks like ${kinds}. ${done} Treat it as exposed and rotate it: anyone here could have copied it.`;
  return textMessage(text, section(safeSharing(incident)));
}

export function buildSecurityAlert(incident: Incident, removed: boolean, permalink: string | undefined): SlackMessage {
  const where = permalink ? `<${permalink}|in <#${incident.channel}>>` : `in <#${incident.channel}>`;
  const about = incident.requestId ? ` (thread of ${formatRequestId(incident.requestId)}, now held)` : '';
  const fingerprints = incident.exposures.map((e) => `\`${e.fingerprint}\` ${escapeText(e.label)}`).join(', ');
  const text =
    `:rotating_light: ${mention(incident.poster)} posted ${describeKinds(incident)} ${where}${about}. ` +
    `Fingerprints: ${fingerprints}. ${removed ? 'The message was deleted.' : 'The message could not be deleted: ask them to remove it.'}`;
  return textMessage(text);
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
function describeKinds(incident: Incident): string {
  const labels = [...new Set(incident.exposures.map((e) => e.label))];
  return labels.length <= 1 ? (labels[0] ?? 'a credential') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMIT.text) } };
}
