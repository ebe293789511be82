/** Small pieces the Home's sections share: lines, buttons, "N more", what a request is for. */
import type { Button, KnownBlock } from '@slack/types';
import type { Page } from '../src/domain/home.js';
import type { Catalog } from '../src/domain/types.js';
import { confirmDialog } from './grant-state.js';
import { LIMIT, escapeText, plain, truncate } from './text.js';

export function section(blockId: string, text: string, accessory?: Button): KnownBlock {
  return { type: 'section', block_id: blockId, text: { type: 'mrkdwn', text: truncate(text, LIMIT.text) }, ...(accessory ? { accessory } : {}) };
}

export function note(blockId: string, text: string): KnownBlock {
  return { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text: truncate(text, LIMIT.text) }] };
}

export function title(blockId: string, text: string): KnownBlock {
  return { type: 'header', block_id: blockId, text: plain(truncate(text, LIMIT.header)) };
}

export interface ButtonOptions {
  style?: 'primary' | 'danger';
  /** Read by screen readers instead of the text, e.g. "Approve AR-1042". */
  label?: string;
  confirm?: { title: string; text: string; confirm: string };
}

export function button(actionId: string, text: string, value: string, options: ButtonOptions = {}): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(truncate(text, LIMIT.buttonText)),
    value,
    ...(options.style ? { style: options.style } : {}),
    ...(options.label ? { accessibility_label: truncate(options.label, 75) } : {}),
    ...(options.confirm ? { confirm: confirmDialog(options.confirm.title, options.confirm.text, options.confirm.confirm) } : {}),
  };
}

export function actions(blockId: string, elements: Button[]): KnownBlock {
  return { type: 'actions', block_id: blockId, elements };
}

/** "N more — where to see them", when the list was capped. */
export function more(blockId: string, page: Page<unknown>, where: string): KnownBlock[] {
  const hidden = page.total - page.items.length;
  return hidden > 0 ? [note(blockId, `${hidden} more — ${where}`)] : [];
}

/** "Administrator on Billing (Stripe)", falling back to ids for entries the catalog no longer has. */
export function roleOnSystem(catalog: Catalog, systemId: string, roleId: string): string {
  const system = catalog.systems.find((candidate) => candidate.id === systemId);
  const role = system?.roles.find((candidate) => candidate.id === roleId);
  return `${escapeText(role?.name ?? roleId)} on ${escapeText(system?.name ?? systemId)}`;
}

/** A role's name, escaped, or its id when the catalog no longer has it. */
export function roleName(catalog: Catalog, systemId: string, roleId: string): string {
  const role = catalog.systems.find((candidate) => candidate.id === systemId)?.roles.find((candidate) => candidate.id === roleId);
  return escapeText(role?.name ?? roleId);
}

/** What someone typed, shown as a short quote that cannot act on anyone. */
export function quote(text: string, max = 150): string {
  return `> ${escapeText(truncate(text.replace(/\s+/g, ' ').trim(), max))}`;
}
