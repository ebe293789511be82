// Contract: routing names who may decide a step (owners for owner steps, security reviewers
// for security steps), without the requester or anyone who decided an earlier step, each
// once and in catalog order. The policy draft flags privileged roles, client-owned systems
// and durations over the role's maximum, suggesting the maximum instead. Only members of
// the installation's organisation count as colleagues.
import { describe, it, expect } from 'vitest';
import { evaluatePolicy } from '../../src/domain/policy.js';
import { isColleague } from '../../src/domain/people.js';
import { approverRefs, eligibleApprovers } from '../../src/domain/routing.js';
import { asUserId, type Organisation, type Person, type Role, type System } from '../../src/domain/types.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest, OWNER1, OWNER2, REQUESTER, SECURITY1 } from '../fixtures/requests.js';

const catalog = testCatalog();
const system = (id: string): System => catalog.systems.find((candidate) => candidate.id === id)!;
const role = (systemId: string, roleId: string): Role => system(systemId).roles.find((candidate) => candidate.id === roleId)!;
const SECURITY2 = asUserId('U0SEC2');
const policy = (s: System, r: Role, durationMinutes: number) => evaluatePolicy({ system: s, role: r, durationMinutes, purpose: 'Refund invoice INV-204' });

describe('approverRefs', () => {
  it.each([
    ['owner', 'billing', ['U0OWNER1', 'U0OWNER2']],
    ['owner', 'cms', ['S0CMSOWNERS']],
    ['security', 'billing', ['U0SEC1', 'U0SEC2']],
    ['security', 'ads', ['U0SEC1', 'U0SEC2']],
  ] as const)('when the step is %s on %s, then the refs are %j', (kind, systemId, refs) => {
    expect(approverRefs(kind, system(systemId), catalog)).toEqual(refs);
  });
});

describe('eligibleApprovers', () => {
  const decidedBy = (by: typeof OWNER1) =>
    aRequest({
      currentStep: 1,
      steps: [
        { kind: 'owner', approvers: [OWNER1, OWNER2], decision: { by, outcome: 'approved', at: new Date(0) } },
        { kind: 'security', approvers: [] },
      ],
    });

  it('when the requester is not a candidate, then everyone stays, in order, and the flag is false', () => {
    expect(eligibleApprovers([OWNER2, OWNER1], aRequest())).toEqual({ approvers: [OWNER2, OWNER1], requesterExcluded: false });
  });

  it('when the requester is a candidate, then they are removed and the flag is true', () => {
    expect(eligibleApprovers([OWNER1, REQUESTER, OWNER2], aRequest())).toEqual({ approvers: [OWNER1, OWNER2], requesterExcluded: true });
  });

  it('when the requester is the only candidate, then nobody is eligible and the flag is true', () => {
    expect(eligibleApprovers([REQUESTER], aRequest())).toEqual({ approvers: [], requesterExcluded: true });
  });

  it('when a candidate decided an earlier step, then they are removed but the flag stays false', () => {
    expect(eligibleApprovers([SECURITY1, OWNER1, SECURITY2], decidedBy(OWNER1))).toEqual({
      approvers: [SECURITY1, SECURITY2],
      requesterExcluded: false,
    });
  });

  it('when candidates repeat, then each appears once at its first position', () => {
    expect(eligibleApprovers([SECURITY2, SECURITY1, SECURITY2, SECURITY1], aRequest())).toEqual({
      approvers: [SECURITY2, SECURITY1],
      requesterExcluded: false,
    });
  });

  it('when there are no candidates, then nobody is eligible', () => {
    expect(eligibleApprovers([], aRequest())).toEqual({ approvers: [], requesterExcluded: false });
  });
});

describe('evaluatePolicy', () => {
  it.each([
    ['billing', 'viewer', 1440, []],
    ['billing', 'admin', 60, ['privileged']],
    ['ads', 'analyst', 10080, ['client_owned']],
    ['billing', 'admin', 1440, ['privileged', 'over_max_duration']],
    ['ads', 'analyst', 60 * 24 * 60, ['over_max_duration', 'client_owned']],
  ] as const)('when %s/%s is asked for %i min, then the flags are %j', (systemId, roleId, minutes, codes) => {
    const draft = policy(system(systemId), role(systemId, roleId), minutes);
    expect(draft.flags.map((flag) => flag.code)).toEqual(codes);
    expect(draft.roleId).toBe(roleId);
  });

  it('when the role is privileged, then the flag says which role on which system', () => {
    const draft = policy(system('billing'), role('billing', 'admin'), 60);
    expect(draft.flags).toEqual([{ code: 'privileged', reason: 'Administrator on Billing (Stripe) is a privileged role.' }]);
  });

  it('when the system is client-owned, then the flag names the system', () => {
    const draft = policy(system('ads'), role('ads', 'analyst'), 10080);
    expect(draft.flags).toEqual([{ code: 'client_owned', reason: 'Client Google Ads belongs to a client; their rules apply too.' }]);
  });

  it('when the duration is over the maximum, then the suggestion is clamped to the maximum with a reason', () => {
    // Arrange: admin allows at most 8 h.
    const admin = role('billing', 'admin');
    // Act
    const draft = policy(system('billing'), admin, 3 * 1440);
    // Assert
    expect(draft.durationMinutes).toBe(480);
    expect(draft.reasons).toEqual(['Administrator is limited to 8 h by the catalog.']);
    expect(draft.flags[1]).toEqual({ code: 'over_max_duration', reason: 'Asked for 3 days; the maximum is 8 h.' });
  });

  it.each([60, 480])('when the duration is %i min (within the maximum), then it is kept and no reason is given', (minutes) => {
    const draft = policy(system('billing'), role('billing', 'admin'), minutes);
    expect(draft.durationMinutes).toBe(minutes);
    expect(draft.reasons).toEqual([]);
    expect(draft.flags.map((flag) => flag.code)).not.toContain('over_max_duration');
  });
});

describe('isColleague', () => {
  const person = (overrides: Partial<Person> = {}): Person => ({
    id: asUserId('U0PERSON'),
    name: 'Pat',
    teamId: 'T0LATCH',
    isStranger: false,
    deleted: false,
    isBot: false,
    ...overrides,
  });
  const team: Organisation = { teamId: 'T0LATCH' };
  const grid: Organisation = { teamId: 'T0LATCH', enterpriseId: 'E0GRID' };

  it.each<[string, Partial<Person>, Organisation, boolean]>([
    ['a member of the same team', {}, team, true],
    ['a Slack Connect stranger on the same team id', { isStranger: true }, team, false],
    ['a member of another team', { teamId: 'T0OTHER' }, team, false],
    ['a person without a team', { teamId: undefined }, team, false],
    ['a deleted member', { deleted: true }, team, false],
    ['a bot', { isBot: true }, team, false],
    ['a member of another team in the same enterprise', { teamId: 'T0SISTER', enterpriseId: 'E0GRID' }, grid, true],
    ['a member of a team in another enterprise', { teamId: 'T0SISTER', enterpriseId: 'E0ELSE' }, grid, false],
    ['a member of the same team id but another enterprise', { enterpriseId: 'E0ELSE' }, grid, false],
    ['a member of the same team without enterprise info', {}, grid, true],
    ['a stranger in the same enterprise', { enterpriseId: 'E0GRID', isStranger: true }, grid, false],
  ])('when the person is %s, then isColleague is %s', (_who, overrides, org, expected) => {
    expect(isColleague(person(overrides), org)).toBe(expected);
  });
});
