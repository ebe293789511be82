/**
 * Systems nobody can change from here: the owners set access up and remove it by hand.
 * Each asks them with a task card ("Done, granted" / "Done, removed"); the grant waits in
 * provisioning or ending until one of them presses it.
 */
import type { WebClient } from '@slack/web-api';
import { buildGrantTask, type TaskKind } from '../../blocks/grant-task.js';
import type { Catalog, RequestId } from '../domain/types.js';
import type { Directory, GrantView, Revoker } from '../operations/ports.js';
import { everyone } from '../operations/support.js';

export interface TaskRef {
  channel: string;
  ts: string;
  requestId: RequestId;
  kind: 'provision_task' | 'deprovision_task';
  recipient: string;
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
   * With no owner left to ask (an emptied group), or when owners left it undone too long,
   * security gets the task: access that nobody removes must not go unnoticed.
   */
  async function recipients(view: GrantView): Promise<string[]> {
    const security = () => (catalog.security.alertsChannel ? [catalog.security.alertsChannel] : everyone(directory, catalog.security.reviewers));
    if (view.escalate) return security();
    if (view.system.approvalChannel) return [view.system.approvalChannel];
    const owners = await everyone(directory, view.system.owners);
    return owners.length > 0 ? owners : security();
  }

  async function send(view: GrantView, task: TaskKind): Promise<'task_sent'> {
    const card = buildGrantTask(view, task);
    const requestId = view.grant.requestId;
    const kind = task === 'provision' ? 'provision_task' : 'deprovision_task';
    const sent = await Promise.allSettled(
      (await recipients(view)).map(async (recipient) => {
        const posted = await client.chat.postMessage({ channel: recipient, text: card.text, blocks: card.blocks, unfurl_links: false });
        await record({ channel: posted.channel ?? recipient, ts: posted.ts!, requestId, kind, recipient });
      }),
    );
    // One person holding the task is enough for it to be done; failing the whole attempt
    // for one unreachable owner would make the retry send everyone a duplicate.
    if (!sent.some((result) => result.status === 'fulfilled')) {
      const failure = sent.find((result) => result.status === 'rejected');
      throw new Error(`could not send the ${task} task for ${view.system.id} to anyone`, { cause: failure?.reason });
    }
    return 'task_sent';
  }

  return {
    grant: (view) => send(view, 'provision'),
    revoke: (view) => send(view, 'remove'),
    async extend() {},
  };
}
