/** Text helpers that keep people's words safe and inside Slack's limits. */
import type { KnownBlock } from '@slack/types';
/** Slack text-object limits we rely on. */
export const LIMIT = {
  text: 3000,
  header: 150,
  field: 2000,
  optionText: 75,
  buttonText: 75,
  modalTitle: 24,
  fallbackText: 4000,
} as const;

/** Cuts text to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Escapes what a person typed before it goes into mrkdwn, so that `<!channel>` or
 * `<@U…>` in a purpose is shown, not acted on.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const mention = (userId: string): string => `<@${userId}>`;

/** Lists mentions the way people read them: "A", "A and B", "A, B and C". */
export function listPeople(userIds: readonly string[]): string {
  const names = userIds.map(mention);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A date Slack renders in each reader's own time zone. */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${date.toISOString()}>`;
}

export function plain(text: string) {
  return { type: 'plain_text' as const, text, emoji: true };
}

/** What every message builder returns: its blocks, and the text Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** One mrkdwn section, cut to Slack's limits, followed by any other blocks. */
export function textMessage(text: string, ...after: KnownBlock[]): SlackMessage {
  const safe = truncate(text, LIMIT.text);
  return { text: truncate(safe, LIMIT.fallbackText), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safe } }, ...after] };
}
