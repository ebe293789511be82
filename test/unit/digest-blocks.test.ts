// Contract: the digest message reads as one line per blocker (who, what, how long, on whom
// or why), a warning when the needed-by date is at risk, the revocations that need people,
// and yesterday's measurements; an empty day is one line plus the measurements; what
// people typed is escaped; and 10,000 open requests still fit Slack's limits.
import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { buildDigestMessage, MAX_BLOCKERS_LISTED } from '../../blocks/digest.js';
import { buildDigest, type DayMeasurements } from '../../src/domain/digest.js';
import { asRequestId, asUserId, type Grant } from '../../src/domain/types.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest, OWNER1, SECURITY1 } from '../fixtures/requests.js';

type Any = any;
const catalog = testCatalog();
const context = { catalog, timezone: 'Europe/Berlin', date: '2026-11-23' };
const NOW = new Date('2026-11-23T08:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const QUIET: DayMeasurements = {
  submitted: 0, completed: 0, blockerAgesMinutes: [], privilegedReviews: 0, unsafeCredentialAttempts: 0,
  revocationsDue: 0, revocationsDone: 0, grantedLate: 0,
};
const BUSY: DayMeasurements = {
  submitted: 8, completed: 6, blockerAgesMinutes: [30, 260, 3120], privilegedReviews: 2, unsafeCredentialAttempts: 1,
  revocationsDue: 4, revocationsDone: 3, grantedLate: 1,
};

/** Every text a reader sees, in order: the header, sections, their fields, contexts. */
function readable(blocks: KnownBlock[]): string {
  return (blocks as Any[])
    .flatMap((block) => [block.text?.text, ...(block.fields ?? []).map((f: Any) => f.text), ...(block.elements ?? []).map((e: Any) => e.text)])
    .filter(Boolean)
    .join('\n');
}

const grant = (overrides: Partial<Grant>): Grant => ({
  requestId: asRequestId(990), userId: asUserId('U0REQ9'), systemId: 'cms', roleId: 'editor', collection: 'admin_invite',
  grantedAt: hoursAgo(200), expiresAt: new Date('2026-11-22T17:00:00Z'), status: 'active', attempts: 0, version: 1, ...overrides,
});

/** Three blockers, one at risk, one held; two revocations; a busy yesterday. */
function seeded() {
  const open = [
    aRequest({ createdAt: hoursAgo(52), neededBy: '2026-11-24' }),
    aRequest({
      id: asRequestId(1043), requesterId: asUserId('U0REQ2'), systemId: 'ads', roleId: 'analyst', currentStep: 1, createdAt: hoursAgo(80),
      steps: [
        { kind: 'owner', approvers: [OWNER1], decision: { by: OWNER1, outcome: 'approved', at: hoursAgo(5) } },
        { kind: 'security', approvers: [SECURITY1] },
      ],
    }),
    aRequest({ id: asRequestId(1044), requesterId: asUserId('U0REQ3'), systemId: 'gone', roleId: 'x<y', status: 'blocked', blockReason: 'unsafe_credential', updatedAt: hoursAgo(1) }),
  ];
  const grants = [grant({}), grant({ requestId: asRequestId(991), status: 'revocation_failed', attempts: 5, systemId: 'billing', roleId: 'viewer' })];
  return buildDigest({ now: NOW, today: '2026-11-23', open, grantsNeedingAttention: grants, measurements: BUSY });
}

describe('a day with blockers', () => {
  it('reads oldest first, with ages, whom each waits on, risks, revocations and yesterday', () => {
    const message = buildDigestMessage(seeded(), context);
    expect(message.text).toMatchInlineSnapshot(`"Access blockers · 2026-11-23: 3 waiting, the oldest for 2 d 4 h; 2 revocations need people."`);
    expect(readable(message.blocks)).toMatchInlineSnapshot(`
      "Access blockers · 2026-11-23
      *AR-1042* <@U0REQ1> · Administrator on Billing (Stripe) — waiting 2 d 4 h on <@U0OWNER1> and <@U0OWNER2>
      :warning: needed by 2026-11-24
      *AR-1043* <@U0REQ2> · Analyst on Client Google Ads — waiting 5 h on <@U0SEC1>
      *AR-1044* <@U0REQ3> · x&lt;y on gone — blocked 1 h: on hold after a password or key was posted
      *Revocations that need people*
      *AR-991* <@U0REQ9> · Viewer on Billing (Stripe) — :x: revocation failed after 5 attempts
      *AR-990* <@U0REQ9> · Editor on Website CMS — :hourglass: still active, ended <!date^1795366800^{date_short_pretty} at {time}|2026-11-22T17:00:00.000Z>
      *Yesterday* · 2026-11-22 (Europe/Berlin)
      *Completion rate*
      75 % (6 of 8)
      *Median blocker age*
      4 h 20 min
      *Oldest blocker age*
      2 d 4 h
      *Privileged reviews*
      2
      *Unsafe credential attempts*
      1
      *Deprovisioning completion*
      75 % (3 of 4)
      *Granted late*
      1"
    `);
  });

  it('stays within Slack\'s limits', () => {
    expect(blockKitViolations('message', buildDigestMessage(seeded(), context).blocks)).toEqual([]);
  });
});

describe('an empty day', () => {
  it('is one line plus the measurements, with rates that had nothing to count shown as such', () => {
    const digest = buildDigest({ now: NOW, today: '2026-11-23', open: [], grantsNeedingAttention: [], measurements: QUIET });
    const message = buildDigestMessage(digest, context);
    expect(readable(message.blocks)).toMatchInlineSnapshot(`
      "Access blockers · 2026-11-23
      :white_check_mark: Nothing blocked.
      *Yesterday* · 2026-11-22 (Europe/Berlin)
      *Completion rate*
      none submitted
      *Median blocker age*
      nobody waiting
      *Oldest blocker age*
      nobody waiting
      *Privileged reviews*
      0
      *Unsafe credential attempts*
      0
      *Deprovisioning completion*
      none due
      *Granted late*
      0"
    `);
    expect(blockKitViolations('message', message.blocks)).toEqual([]);
  });
});

describe('10,000 open requests', () => {
  const open = Array.from({ length: 10_000 }, (_, i) =>
    aRequest({
      id: asRequestId(1001 + i),
      requesterId: asUserId(`U0R${i}`),
      createdAt: hoursAgo(i % 500),
      purpose: '<!channel> '.repeat(300),
      steps: [{ kind: 'owner', approvers: Array.from({ length: 40 }, (_, n) => asUserId(`U0APPROVER${n}`)) }],
      ...(i % 3 === 0 ? { neededBy: '2026-11-24' } : {}),
    }),
  );
  const grants = Array.from({ length: 500 }, (_, i) => grant({ requestId: asRequestId(20_000 + i), status: 'revocation_failed', attempts: 5 }));
  const message = buildDigestMessage(
    buildDigest({ now: NOW, today: '2026-11-23', open, grantsNeedingAttention: grants, measurements: BUSY }),
    context,
  );

  it('fit Slack\'s limits for a message', () => {
    expect(blockKitViolations('message', message.blocks)).toEqual([]);
    expect(message.text.length).toBeLessThanOrEqual(4000);
  });

  it('list the oldest twenty, count the rest and the rest at risk, and name the first five approvers', () => {
    const text = readable(message.blocks);
    expect(text.match(/^\*AR-\d+\*.* — waiting /gm)).toHaveLength(MAX_BLOCKERS_LISTED);
    expect(text).toContain('…and 9980 more (3327 of them needed within 2 days).');
    expect(text).toContain('and 35 others');
    expect(text).toContain('…and 490 more.');
    expect(text).not.toContain('<!channel>');
  });
});
