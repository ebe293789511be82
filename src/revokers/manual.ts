/**
 * Systems nobody can change from here: the owners remove access by hand. Granting needs
 * nothing (the approval already told the owners to set it up); revoking sends each owner a
 * task card with a "Done, removed" button, and the grant stays revoking until one presses it.
 */
import type { WebClient } from '@slack/web-api';
import { buildDeprovisionTask } from '../../blocks/deprovision-task.js';
import type { Catalog, RequestId, System } from '../domain/types.js';
import type { Directory, Revoker } from '../operations/ports.js';
import { everyone } from '../operations/support.js';

export interface TaskRef {
  channel: string;
  ts: string;
  requestId: RequestId;
}

export interface ManualRevokerOptions {
  client: WebClient;
  catalog: Catalog;
  directory: Directory;
  /** Remembers each task card, so that pressing "Done" on one can update them all. */
  record: (ref: TaskRef) => Promise<void>;
}

export function createManualRevoker(options: ManualRevokerOptions): Revoker {
  const { client, catalog, directory, record } = options;

  /**
   * The system's approval channel when it has one, else every owner, user groups expanded.
   * With no owner left to ask (an emptied group), the coordinators get the task instead:
   * access that nobody removes must not go unnoticed.
   */
  async function recipients(system: System): Promise<string[]> {
    if (system.approvalChannel) return [system.approvalChannel];
    const owners = await everyone(directory, system.owners);
    return owners.length > 0 ? owners : everyone(directory, catalog.coordinators);
  }

  return {
    async grant() {},

    async revoke(view) {
      const task = buildDeprovisionTask(view, 'open');
      const requestId = view.grant.requestId;
      const targets = await recipients(view.system);
      const sent = await Promise.allSettled(
        targets.map(async (channel) => {
          const posted = await client.chat.postMessage({ channel, text: task.text, blocks: task.blocks, unfurl_links: false });
          await record({ channel: posted.channel ?? channel, ts: posted.ts!, requestId });
        }),
      );
      // One owner holding the task is enough for it to be done; failing the whole attempt
      // for one unreachable owner would make the retry send everyone a duplicate.
      if (!sent.some((result) => result.status === 'fulfilled')) {
        const failure = sent.find((result) => result.status === 'rejected');
        throw new Error(`could not send the removal task for ${view.system.id} to anyone`, { cause: failure?.reason });
      }
      return 'task_sent';
    },
  };
}
