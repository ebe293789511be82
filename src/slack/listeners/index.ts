import type { App } from '@slack/bolt';
import { registerAccessCommand } from './access-command.js';
import type { ListenerContext } from './context.js';
import { registerDecision } from './decision.js';
import { registerDelegation } from './delegation.js';
import { registerGrants } from './grants.js';
import { registerHome } from './home.js';
import { registerMessages } from './messages.js';
import { registerRequestModal } from './request-modal.js';
import { registerShortcut } from './shortcut.js';
import { registerPacketAdditions } from './packet-additions.js';
import { registerPackets } from './packets.js';
import { registerSuggestion } from './suggestion.js';

/** Every listener, by kind. */
export function registerListeners(app: App, ctx: ListenerContext): void {
  registerAccessCommand(app, ctx);
  registerRequestModal(app, ctx);
  registerDecision(app, ctx);
  registerSuggestion(app, ctx);
  registerGrants(app, ctx);
  registerMessages(app, ctx);
  registerHome(app, ctx);
  registerDelegation(app, ctx);
  registerShortcut(app, ctx);
  registerPackets(app, ctx);
  registerPacketAdditions(app, ctx);
}
