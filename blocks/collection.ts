/** How access reaches a person for each catalog collection method, in words: never a password in chat. */
import type { CollectionMethod, Role, System } from '../src/domain/types.js';
import { escapeText } from './text.js';

const HOW: Record<CollectionMethod, { safeWay: string; yours: (what: string) => string }> = {
  sso_group: {
    safeWay: 'access comes through an SSO group: no password changes hands',
    yours: (what) => `You'll be added to the SSO group for ${what}; no password will be sent.`,
  },
  delegated_account: {
    safeWay: 'the owner grants your own account access: no shared login',
    yours: (what) => `The owner will give your own account ${what}; no shared login.`,
  },
  vault_share: {
    safeWay: 'the owner shares it through the password vault, never in chat',
    yours: (what) => `You'll get ${what} through the password vault, never in chat.`,
  },
  temporary_link: {
    safeWay: 'the owner sends a one-time link from the system itself',
    yours: (what) => `You'll get a one-time link for ${what} from the system itself.`,
  },
  admin_invite: {
    safeWay: 'the owner invites your own account from the admin console',
    yours: (what) => `You'll get an invitation to ${what} for your own account.`,
  },
};

/** "access comes through an SSO group: no password changes hands" */
export const safeWay = (method: CollectionMethod): string => HOW[method].safeWay;

/** "You'll be added to the SSO group for Billing (Stripe) · Viewer; no password will be sent. Via Okta group billing-viewers." */
export function howYouGetIt(method: CollectionMethod, system: System, role: Role): string {
  return `${HOW[method].yours(`${escapeText(system.name)} · ${escapeText(role.name)}`)}${via(system, role)}`;
}

/** The card's line on how access is handed over, with the catalog's detail for the role or system. */
export function handoverLine(method: CollectionMethod, system: System, role: Role): string {
  return `:handshake: Handover: ${safeWay(method)}.${via(system, role)}`;
}

/** " Via 1Password vault Billing/Shared.": the role's own detail, else the system's. */
function via(system: System, role: Role): string {
  const detail = role.handover ?? system.handover;
  return detail ? ` Via ${escapeText(detail)}${/[.!?]$/.test(detail) ? '' : '.'}` : '';
}
