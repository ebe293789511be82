/** Sends a request to the bot the way Slack does: exact bytes, signed with the signing secret. */
import { createHmac } from 'node:crypto';

export interface SlackResponse {
  status: number;
  body: string;
  json(): any;
}

export async function sendSigned(
  url: string,
  secret: string,
  rawBody: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
  extraHeaders: Record<string, string> = {},
): Promise<SlackResponse> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  const response = await fetch(url, {
    method: 'POST',
    // Bolt matches this content type exactly; fetch's default adds a charset.
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature, ...extraHeaders },
    body: rawBody,
  });
  const body = await response.text();
  return { status: response.status, body, json: () => JSON.parse(body) };
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const interactionBody = (payload: object) => formBody({ payload: JSON.stringify(payload) });
