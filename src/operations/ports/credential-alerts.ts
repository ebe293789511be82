/** Telling people about credentials someone tried to share; never the credential itself. */
import type { CredentialKind } from '../../domain/credentials/detect-credentials.js';
import type { RequestId, System, UserId } from '../../domain/types.js';
import type { Surface } from './store.js';

/** A credential someone tried to share: its kind and fingerprint, never its value. */
export interface Exposure {
  kind: CredentialKind;
  /** Words for people, e.g. "an AWS secret access key". */
  label: string;
  fingerprint: string;
}

export interface CredentialAttempt extends Exposure {
  poster: UserId;
  surface: Surface;
  at: Date;
  channel?: string;
  ts?: string;
  requestId?: RequestId;
}

/** A credential posted in a Slack conversation, and what Latchkey knows around it. */
export interface Incident {
  poster: UserId;
  channel: string;
  ts: string;
  threadTs?: string;
  exposures: Exposure[];
  /** The system the message concerns, when it can be told: for safe-sharing advice. */
  system?: System;
  /** The request whose card thread it was posted in. */
  requestId?: RequestId;
}

export interface CredentialAlerts {
  /** Deletes the message, when an admin user token allows it; false when it could not. */
  removeMessage(incident: Incident): Promise<boolean>;
  /** Tells the poster, and only them, what was found and how to share access safely. */
  warnPoster(incident: Incident, removed: boolean): Promise<void>;
  /** Tells security who, where, what kind and which fingerprint. */
  alertSecurity(incident: Incident, removed: boolean): Promise<void>;
  /**
   * Tells security who typed a credential into a form or the slash command, what kind and
   * which fingerprint. Nothing was posted, so there is nothing to link to or delete.
   */
  alertSecurityOfTyped(attempt: { poster: UserId; surface: Surface; exposures: Exposure[] }): Promise<void>;
}

/** A keyed one-way fingerprint: repeats of one secret can be matched, the secret not recovered. */
export type Fingerprint = (secret: string) => string;
