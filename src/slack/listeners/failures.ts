/**
 * What a person sees when something goes wrong. Domain refusals get their own words;
 * anything unexpected is logged with its stack and answered with an apology that says
 * nothing was lost or changed.
 */
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { textMessage } from '../../../blocks/text.js';
import { isDomainError } from '../../domain/errors.js';
import type { Logger } from '../../logging.js';
import { errorText } from '../error-text.js';

export const MALFORMED = "I couldn't read that button. Nothing was changed.";

export const SORRY = 'Something went wrong on our side, and nothing was changed. Please try again in a minute.';

/** Words for `error`; logs it when it is not a plain domain refusal. */
export function explain(error: unknown, log: Logger): string {
  if (isDomainError(error)) return errorText(error);
  log.error({ err: error }, 'listener failed');
  return SORRY;
}

/** What a listener knows of where a click came from. */
export interface Clicked {
  body: unknown;
  client: WebClient;
  /** Absent for a click on a Home: a view has no response_url. */
  respond?: RespondFn;
}

/**
 * Tells the clicker (only them) why their action did nothing: beside the message they
 * clicked, or, for a Home, which nothing can answer on, by DM, as the Home's own buttons do.
 * A DM rather than a notice on the Home: the Home is republished right after the click
 * (debounced), which would wipe a notice within a second, and a DM reaches the person on
 * whichever process handled the click.
 */
export async function tellClicker({ body, client, respond }: Clicked, text: string, log: Logger): Promise<void> {
  const user = (body as { user?: { id?: unknown } }).user?.id;
  try {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text });
    else if (typeof user === 'string') await client.chat.postMessage({ channel: user, ...textMessage(text) });
  } catch (error) {
    log.warn({ err: error }, 'could not reply to the user');
  }
}
