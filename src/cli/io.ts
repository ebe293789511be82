/** Where a command reads its environment and writes its output; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** A command sets this to end with a non-zero code without throwing (say, a failed check). */
  exitCode?: number;
}
