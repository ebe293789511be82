/** The small modal that asks a denier why: the requester deserves a reason. */
import type { ModalView } from '@slack/types';
import { formatRequestId, type RequestId } from '../src/domain/types.js';
import { ACTION, BLOCK, CALLBACK, type CardTarget } from './ids.js';
import { plain } from './text.js';

export const DENY_REASON_MAX = 500;

export function buildDenyModal(target: CardTarget): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.denyModal,
    title: plain('Deny request'),
    submit: plain('Deny'),
    close: plain('Back'),
    private_metadata: JSON.stringify(target),
    blocks: [
      {
        type: 'input',
        block_id: BLOCK.reason,
        label: plain(`Why deny ${formatRequestId(target.requestId as RequestId)}?`),
        hint: plain('The requester sees this reason.'),
        element: { type: 'plain_text_input', action_id: ACTION.reason, multiline: true, max_length: DENY_REASON_MAX },
      },
    ],
  };
}
