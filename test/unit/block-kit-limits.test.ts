// Contract: blockKitViolations finds every Block Kit limit our builders could break (blocks
// per surface, text lengths by position, list sizes, ids, options, modal chrome, empty text)
// and reports each as one `path: problem` line. A valid surface gives no lines; each broken
// limit gives exactly the line for it, so the block tests can trust an empty result.
import { describe, it, expect } from 'vitest';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

type Any = any;

const text = (value: string, type = 'mrkdwn') => ({ type, text: value });
const plain = (value: string) => text(value, 'plain_text');
const option = (label: string, value: string, description?: string) => ({
  text: plain(label),
  value,
  ...(description === undefined ? {} : { description: plain(description) }),
});

/** A message using every block kind the checker knows, within limits. */
function message(): Any[] {
  return [
    { type: 'header', text: plain('Access request AR-1') },
    { type: 'section', text: text('*Purpose*\n>refunds') },
    { type: 'section', fields: [text('*Requester*\n<@U1>'), text('*Role*\nAdmin')] },
    { type: 'context', elements: [text('Step 1 of 2')] },
    {
      type: 'actions',
      block_id: 'decide:1:0',
      elements: [
        { type: 'button', action_id: 'approve', text: plain('Approve'), value: '1:0' },
        { type: 'button', action_id: 'deny', text: plain('Deny…'), value: '1:0' },
      ],
    },
  ];
}

/** A modal with a select, a text input and its chrome, within limits. */
function modal(): { view: Any; blocks: Any[] } {
  const blocks = [
    {
      type: 'input',
      block_id: 'system',
      label: plain('System'),
      hint: plain('Pick one'),
      element: {
        type: 'static_select',
        action_id: 'system_select',
        placeholder: plain('Choose a system'),
        options: [option('Billing', 'billing', 'Invoices'), option('CMS', 'cms')],
        initial_option: option('Billing', 'billing', 'Invoices'),
      },
    },
    {
      type: 'input',
      block_id: 'purpose',
      label: plain('Why?'),
      element: { type: 'plain_text_input', action_id: 'purpose_input', multiline: true, max_length: 3000 },
    },
  ];
  const view = { type: 'modal', callback_id: 'access_request', title: plain('Request access'), submit: plain('Submit'), close: plain('Cancel'), private_metadata: '{}', blocks };
  return { view, blocks };
}

const messageAfter = (change: (blocks: Any[]) => void) => {
  const blocks = message();
  change(blocks);
  return blockKitViolations('message', blocks);
};

const modalAfter = (change: (view: Any) => void) => {
  const { view } = modal();
  change(view);
  return blockKitViolations('modal', view.blocks, view);
};

const many = <T>(count: number, make: (index: number) => T): T[] => Array.from({ length: count }, (_, index) => make(index));

describe('blockKitViolations on valid surfaces', () => {
  it('when the message is within limits, then there are no violations', () => {
    expect(blockKitViolations('message', message())).toEqual([]);
  });

  it('when the modal is within limits, then there are no violations', () => {
    const { view, blocks } = modal();
    expect(blockKitViolations('modal', blocks, view)).toEqual([]);
  });

  it('when every text is exactly at its limit, then there are no violations', () => {
    const at = messageAfter((b) => {
      b[0].text.text = 'h'.repeat(150);
      b[1].text.text = 's'.repeat(3000);
      b[2].fields = many(10, () => text('f'.repeat(2000)));
      b[3].elements = many(10, () => text('c'.repeat(3000)));
      b[4].elements[0].text.text = 'b'.repeat(75);
      b[4].elements[0].value = 'v'.repeat(2000);
      b[4].block_id = 'i'.repeat(255);
    });
    expect(at).toEqual([]);
  });
});

describe('blockKitViolations on messages', () => {
  it.each<[string, (blocks: Any[]) => void, string[]]>([
    ['51 blocks', (b) => b.push(...many(46, () => ({ type: 'divider' }))), ['blocks: 51 blocks, over 50 for a message']],
    ['section text of 3001', (b) => (b[1].text.text = 'x'.repeat(3001)), ['blocks[1].text: 3001 characters, over 3000']],
    ['empty section text', (b) => (b[1].text.text = ''), ['blocks[1].text: empty text']],
    ['blank section text', (b) => (b[1].text.text = ' \n '), ['blocks[1].text: empty text']],
    ['a section without text or fields', (b) => (b[1] = { type: 'section' }), ['blocks[1]: section has neither text nor fields']],
    ['11 fields', (b) => (b[2].fields = many(11, () => text('f'))), ['blocks[2].fields: 11 items, over 10']],
    ['a field of 2001', (b) => (b[2].fields[1].text = 'f'.repeat(2001)), ['blocks[2].fields[1]: 2001 characters, over 2000']],
    ['an empty field', (b) => (b[2].fields[0].text = ''), ['blocks[2].fields[0]: empty text']],
    ['a header of 151', (b) => (b[0].text.text = 'h'.repeat(151)), ['blocks[0].text: 151 characters, over 150']],
    ['11 context elements', (b) => (b[3].elements = many(11, () => text('c'))), ['blocks[3].elements: 11 items, over 10']],
    ['no context elements', (b) => (b[3].elements = []), ['blocks[3].elements: 0 items, under 1']],
    ['context text of 3001', (b) => (b[3].elements[0].text = 'c'.repeat(3001)), ['blocks[3].elements[0]: 3001 characters, over 3000']],
    [
      '26 actions elements',
      (b) => (b[4].elements = many(26, (i) => ({ type: 'button', action_id: `a${i}`, text: plain('Go'), value: 'v' }))),
      ['blocks[4].elements: 26 items, over 25'],
    ],
    ['button text of 76', (b) => (b[4].elements[1].text.text = 'b'.repeat(76)), ['blocks[4].elements[1].text: 76 characters, over 75']],
    ['empty button text', (b) => (b[4].elements[0].text.text = ''), ['blocks[4].elements[0].text: empty text']],
    ['button value of 2001', (b) => (b[4].elements[0].value = 'v'.repeat(2001)), ['blocks[4].elements[0].value: 2001 characters, over 2000']],
    ['block_id of 256', (b) => (b[4].block_id = 'i'.repeat(256)), ['blocks[4].block_id: 256 characters, over 255']],
    ['action_id of 256', (b) => (b[4].elements[0].action_id = 'a'.repeat(256)), ['blocks[4].elements[0].action_id: 256 characters, over 255']],
    ['a repeated block_id', (b) => ((b[1].block_id = 'same'), (b[3].block_id = 'same')), ['blocks[3].block_id: "same" repeats blocks[1].block_id']],
    ['a repeated action_id in one block', (b) => (b[4].elements[1].action_id = 'approve'), ['blocks[4].elements[1].action_id: "approve" repeats in the block']],
  ])('when the message has %s, then exactly that is reported', (_when, change, expected) => {
    expect(messageAfter(change)).toEqual(expected);
  });

  it('when several limits break, then each is reported', () => {
    const found = messageAfter((b) => {
      b[0].text.text = '';
      b[1].text.text = 'x'.repeat(3001);
    });
    expect(found).toEqual(['blocks[0].text: empty text', 'blocks[1].text: 3001 characters, over 3000']);
  });
});

describe('blockKitViolations on modals', () => {
  const select = (view: Any) => view.blocks[0].element;

  it.each<[string, (view: Any) => void, string[]]>([
    ['101 blocks', (v) => v.blocks.push(...many(99, () => ({ type: 'divider' }))), ['blocks: 101 blocks, over 100 for a modal']],
    ['101 options', (v) => (select(v).options = many(101, (i) => option(`S${i}`, `s${i}`))), ['blocks[0].element.options: 101 items, over 100']],
    ['option text of 76', (v) => (select(v).options[1].text.text = 'o'.repeat(76)), ['blocks[0].element.options[1].text: 76 characters, over 75']],
    ['empty option text', (v) => (select(v).options[1].text.text = ''), ['blocks[0].element.options[1].text: empty text']],
    ['option description of 76', (v) => (select(v).options[0].description.text = 'd'.repeat(76)), ['blocks[0].element.options[0].description: 76 characters, over 75']],
    ['option value of 76', (v) => (select(v).options[1].value = 'v'.repeat(76)), ['blocks[0].element.options[1].value: 76 characters, over 75']],
    ['initial option text of 76', (v) => (select(v).initial_option.text.text = 'o'.repeat(76)), ['blocks[0].element.initial_option.text: 76 characters, over 75']],
    ['placeholder of 151', (v) => (select(v).placeholder.text = 'p'.repeat(151)), ['blocks[0].element.placeholder: 151 characters, over 150']],
    ['label of 2001', (v) => (v.blocks[1].label.text = 'l'.repeat(2001)), ['blocks[1].label: 2001 characters, over 2000']],
    ['hint of 2001', (v) => (v.blocks[0].hint.text = 'h'.repeat(2001)), ['blocks[0].hint: 2001 characters, over 2000']],
    ['an input without a label', (v) => delete v.blocks[1].label, ['blocks[1].label: missing']],
    ['max_length 0', (v) => (v.blocks[1].element.max_length = 0), ['blocks[1].element.max_length: 0 is outside 1–3000']],
    ['max_length 3001', (v) => (v.blocks[1].element.max_length = 3001), ['blocks[1].element.max_length: 3001 is outside 1–3000']],
    ['title of 25', (v) => (v.title.text = 't'.repeat(25)), ['view.title: 25 characters, over 24']],
    ['submit of 25', (v) => (v.submit.text = 's'.repeat(25)), ['view.submit: 25 characters, over 24']],
    ['close of 25', (v) => (v.close.text = 'c'.repeat(25)), ['view.close: 25 characters, over 24']],
    ['an empty title', (v) => (v.title.text = ''), ['view.title: empty text']],
    ['private_metadata of 3001', (v) => (v.private_metadata = 'm'.repeat(3001)), ['view.private_metadata: 3001 characters, over 3000']],
    ['callback_id of 256', (v) => (v.callback_id = 'c'.repeat(256)), ['view.callback_id: 256 characters, over 255']],
  ])('when the modal has %s, then exactly that is reported', (_when, change, expected) => {
    expect(modalAfter(change)).toEqual(expected);
  });

  it('when a modal has 100 blocks and 100 options of 75 characters, then it is within limits', () => {
    const found = modalAfter((v) => {
      select(v).options = many(100, (i) => option('o'.repeat(75), `${'v'.repeat(70)}${i}`.slice(-75), 'd'.repeat(75)));
      delete select(v).initial_option;
      v.blocks.push(...many(98, () => ({ type: 'divider' })));
      v.title.text = 't'.repeat(24);
      v.private_metadata = 'm'.repeat(3000);
    });
    expect(found).toEqual([]);
  });

  it('when the same blocks are checked as a message, then the 50-block limit applies', () => {
    const blocks = many(51, () => ({ type: 'divider' }));
    expect(blockKitViolations('message', blocks)).toEqual(['blocks: 51 blocks, over 50 for a message']);
    expect(blockKitViolations('modal', blocks)).toEqual([]);
  });
});
