/**
 * Slack's Block Kit limits (slack-contracts.md §4) for the parts our builders use. Slack
 * rejects a whole message or view that breaks any one of them, so tests check every
 * surface we render, extreme inputs included. Returns one line per violation,
 * `path: problem`; an empty list means the surface is within limits.
 */

export type Surface = 'message' | 'modal' | 'home';

type Node = Record<string, unknown>;

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };
const ID_MAX = 255;
const TEXT_MAX = 3000;

/** Text limits that depend on where a text object sits: `${parent type}.${key}`, or `*.${key}`. */
const TEXT_LIMIT: Record<string, number> = {
  'section.fields': 2000,
  'header.text': 150,
  'button.text': 75,
  'option.text': 75,
  'option.description': 75,
  '*.placeholder': 150,
  'input.label': 2000,
  'input.hint': 2000,
  'modal.title': 24,
  'modal.submit': 24,
  'modal.close': 24,
};

/** Counted lists: `${type}.${key}` → [min, max]. */
const COUNT_LIMIT: Record<string, [number, number]> = {
  'section.fields': [1, 10],
  'context.elements': [1, 10],
  'actions.elements': [1, 25],
  'static_select.options': [1, 100],
  'multi_static_select.options': [1, 100],
};

const OPTION_KEYS = new Set(['options', 'initial_option', 'initial_options']);

export function blockKitViolations(surface: Surface, blocks: unknown[], view?: object): string[] {
  const out: string[] = [];
  if (blocks.length > MAX_BLOCKS[surface]) {
    out.push(`blocks: ${blocks.length} blocks, over ${MAX_BLOCKS[surface]} for a ${surface}`);
  }
  const blockIds = new Map<string, string>();
  blocks.forEach((block, index) => {
    const path = `blocks[${index}]`;
    const id = isNode(block) ? block.block_id : undefined;
    if (typeof id === 'string') {
      const first = blockIds.get(id);
      if (first) out.push(`${path}.block_id: "${id}" repeats ${first}.block_id`);
      else blockIds.set(id, path);
    }
    walk(block, path, TEXT_MAX, out);
  });
  if (view) checkView(view as Node, out);
  return out;
}

function checkView(view: Node, out: string[]): void {
  if (!isNode(view.title)) out.push('view.title: missing');
  for (const key of ['title', 'submit', 'close']) {
    if (view[key] !== undefined) walk(view[key], `view.${key}`, TEXT_LIMIT[`modal.${key}`]!, out);
  }
  maxLength(view.private_metadata, 'view.private_metadata', 3000, out);
  maxLength(view.callback_id, 'view.callback_id', ID_MAX, out);
}

/** Checks one node and everything under it; `textMax` is the limit for a text object found here. */
function walk(node: unknown, path: string, textMax: number, out: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, `${path}[${index}]`, textMax, out));
    return;
  }
  if (!isNode(node)) return;
  if (node.type === 'plain_text' || node.type === 'mrkdwn') {
    checkText(node, path, textMax, out);
    return;
  }
  const type = String(node.type);
  maxLength(node.block_id, `${path}.block_id`, ID_MAX, out);
  maxLength(node.action_id, `${path}.action_id`, ID_MAX, out);
  checkByType(node, type, path, out);
  for (const [key, child] of Object.entries(node)) {
    const childPath = `${path}.${key}`;
    const count = COUNT_LIMIT[`${type}.${key}`];
    if (count && Array.isArray(child)) countWithin(child, childPath, count, out);
    if (OPTION_KEYS.has(key)) {
      (Array.isArray(child) ? child : [child]).forEach((option, index) =>
        checkOption(option, Array.isArray(child) ? `${childPath}[${index}]` : childPath, out),
      );
      continue;
    }
    walk(child, childPath, TEXT_LIMIT[`${type}.${key}`] ?? TEXT_LIMIT[`*.${key}`] ?? TEXT_MAX, out);
  }
}

function checkByType(node: Node, type: string, path: string, out: string[]): void {
  switch (type) {
    case 'section':
      if (node.text === undefined && node.fields === undefined) out.push(`${path}: section has neither text nor fields`);
      break;
    case 'input':
      if (!isNode(node.label)) out.push(`${path}.label: missing`);
      break;
    case 'button':
      if (!isNode(node.text)) out.push(`${path}.text: missing`);
      maxLength(node.value, `${path}.value`, 2000, out);
      break;
    case 'actions': {
      const ids = (Array.isArray(node.elements) ? node.elements : []).map((element) => (isNode(element) ? element.action_id : undefined));
      ids.forEach((id, index) => {
        if (typeof id === 'string' && ids.indexOf(id) !== index) out.push(`${path}.elements[${index}].action_id: "${id}" repeats in the block`);
      });
      break;
    }
    case 'plain_text_input':
      if (node.max_length !== undefined) within(node.max_length, `${path}.max_length`, 1, TEXT_MAX, out);
      if (node.min_length !== undefined) within(node.min_length, `${path}.min_length`, 0, TEXT_MAX, out);
      break;
  }
}

function checkOption(option: unknown, path: string, out: string[]): void {
  if (!isNode(option)) {
    out.push(`${path}: not an option object`);
    return;
  }
  if (!isNode(option.text)) out.push(`${path}.text: missing`);
  else walk(option.text, `${path}.text`, TEXT_LIMIT['option.text']!, out);
  if (option.description !== undefined) walk(option.description, `${path}.description`, TEXT_LIMIT['option.description']!, out);
  // Current docs allow 150; the SDK types still say 75, so hold to 75.
  if (typeof option.value !== 'string' || option.value === '') out.push(`${path}.value: missing`);
  else maxLength(option.value, `${path}.value`, 75, out);
}

function checkText(node: Node, path: string, max: number, out: string[]): void {
  const text = node.text;
  if (typeof text !== 'string' || text.trim() === '') out.push(`${path}: empty text`);
  else if (text.length > max) out.push(`${path}: ${text.length} characters, over ${max}`);
}

function maxLength(value: unknown, path: string, max: number, out: string[]): void {
  if (typeof value === 'string' && value.length > max) out.push(`${path}: ${value.length} characters, over ${max}`);
}

function countWithin(items: unknown[], path: string, [min, max]: [number, number], out: string[]): void {
  if (items.length > max) out.push(`${path}: ${items.length} items, over ${max}`);
  if (items.length < min) out.push(`${path}: ${items.length} items, under ${min}`);
}

function within(value: unknown, path: string, min: number, max: number, out: string[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    out.push(`${path}: ${String(value)} is outside ${min}–${max}`);
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
