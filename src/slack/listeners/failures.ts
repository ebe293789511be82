/**
 * What a person sees when something goes wrong. Domain refusals get their own words;
 * anything unexpected is logged with its stack and answered with an apology that says
 * nothing was lost or changed.
 */
import type { RespondFn } from '@slack/bolt';
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

/** Tells the clicker (only them) why their action did nothing. */
export async function tellPrivately(respond: RespondFn | undefined, text: string, log: Logger): Promise<void> {
  try {
    await respond?.({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    log.warn({ err: error }, 'could not reply to the user');
  }
}
