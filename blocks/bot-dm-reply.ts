/** The answer to someone who writes to the bot in its DM: where to ask, and where to look. */
import { textMessage, type SlackMessage } from './text.js';

export function buildBotDmReply(): SlackMessage {
  return textMessage(
    ":wave: I don't read messages here, but I can help you get access: type `/access` (or `/access billing` for one system), " +
      'or use the *Request access* shortcut. Your requests, your access and whatever waits on you are in my *Home* tab. `/access help` lists the commands.',
  );
}
