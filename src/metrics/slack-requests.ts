/** Kinds as Slack names them; anything else is `other`, so a label never takes arbitrary values. */
const KINDS = new Set(['block_actions', 'block_suggestion', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'interactive_message']);

/** The `kind` label of the Slack request histogram. */
export function requestKind(body: unknown): string {
  const { type, command } = (body ?? {}) as { type?: unknown; command?: unknown };
  if (typeof command === 'string') return 'command';
  if (type === 'event_callback') return 'event';
  return typeof type === 'string' && KINDS.has(type) ? type : 'other';
}
