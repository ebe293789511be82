/** A file for one person, in their DM with the bot (files upload v2). */
import type { WebClient } from '@slack/web-api';

export interface DmFile {
  filename: string;
  title: string;
  content: string;
  comment: string;
}

export async function uploadToDm(client: WebClient, user: string, file: DmFile): Promise<void> {
  // files.completeUploadExternal shares to a channel id; a user's DM has its own.
  const dm = await client.conversations.open({ users: user });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.filesUploadV2({ channel_id: channel, filename: file.filename, title: file.title, content: file.content, initial_comment: file.comment });
}
