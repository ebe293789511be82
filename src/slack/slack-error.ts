/** The `error` code of a Web API platform error (`user_not_found`, `invalid_auth`, …). */
export function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } } | undefined)?.data?.error;
}
