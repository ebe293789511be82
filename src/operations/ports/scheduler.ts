/** Jobs at a time: reminders, escalations, expiry notices. */
/** The jobs Latchkey schedules; each runs one use case with the data it was given. */
export type JobName = 'remind-step' | 'escalate-step' | 'grant-expiry-notice';

export interface JobData {
  requestId: number;
  stepIndex?: number;
  /**
   * Tells repeated runs of one job apart (a retry, a re-sent task): a job may not
   * reschedule itself, since Agenda clears a finished job's next run.
   */
  round?: number;
  /** A reminder held for one approver until their working hours. */
  approver?: string;
}

export interface Scheduler {
  /** Runs `job` at `at`. Scheduling the same job for the same data again replaces it. */
  schedule(job: JobName, data: JobData, at: Date): Promise<void>;
  /** True when `job` for `data` is waiting to run: how reconciliation finds lost jobs. */
  isScheduled(job: JobName, data: JobData): Promise<boolean>;
}
