/**
 * Contract: the canonical form of an audit event is unambiguous (lengths in UTF-8 bytes,
 * nulls distinct from empty text) and fixed (a golden text); a link holds only when its
 * place, its predecessor's hash and its own hash all agree.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, checkLink, type ChainEvent } from '../../src/domain/audit-chain.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function anEvent(overrides: Partial<ChainEvent> = {}): ChainEvent {
  const event: ChainEvent = {
    id: '7', seq: '3', prevHash: 'ab'.repeat(32), at: '2026-12-02T09:30:00.123000Z', actor: 'U0OWNER1', action: 'step.approved',
    surface: 'button', requestId: '1001', before: '{"status": "pending"}', after: null, details: null, hash: null, ...overrides,
  };
  return { ...event, hash: overrides.hash ?? sha256(canonicalEvent(event)) };
}

describe('canonicalEvent', () => {
  it('when an event is written out, then each field is its byte length and text, or a dash for null', () => {
    expect(canonicalEvent(anEvent({ actor: 'café 🔑', before: '' }))).toBe(
      ['latchkey-audit-v1', '1:7', '1:3', `64:${'ab'.repeat(32)}`, '27:2026-12-02T09:30:00.123000Z', '10:café 🔑', '13:step.approved',
        '6:button', '4:1001', '0:', '-', '-', ''].join('\n'),
    );
  });

  it.each([
    ['a field moved into its neighbour', { actor: 'U0OWNER1s', action: 'tep.approved' }],
    ['null made empty', { details: '' }],
    ['a line break smuggled in', { actor: 'U0OWNER1\n13:step.approved' }],
  ])('when %s, then the canonical text differs', (_, change) => {
    expect(canonicalEvent(anEvent(change))).not.toBe(canonicalEvent(anEvent()));
  });
});

describe('checkLink', () => {
  const head = { seq: 2, hash: 'ab'.repeat(32) };

  it.each([
    ['the event that follows the head', anEvent(), head, undefined],
    ['the first event, after no head', anEvent({ seq: '1', prevHash: null }), undefined, undefined],
    ['an event never sealed', anEvent({ seq: null, hash: null }), head, 'not_in_chain'],
    ['an event after a gap', anEvent({ seq: '4' }), head, 'out_of_sequence'],
    ['an event linking elsewhere', anEvent({ prevHash: 'cd'.repeat(32) }), head, 'wrong_link'],
    ['an event whose content changed', { ...anEvent(), actor: 'U0EVIL' }, head, 'hash_mismatch'],
  ] as const)('when checking %s, then the fault is %s', (_, event, before, fault) => {
    expect(checkLink(before, event, sha256)).toBe(fault);
  });
});
