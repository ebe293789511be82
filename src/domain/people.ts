import type { Organisation, Person } from './types.js';

/**
 * A colleague belongs to the installation's organisation. Slack Connect users (another
 * workspace or Enterprise Grid org) are not: they may neither request nor approve.
 */
export function isColleague(person: Person, org: Organisation): boolean {
  if (person.isStranger || person.deleted || person.isBot) return false;
  if (org.enterpriseId && person.enterpriseId) return person.enterpriseId === org.enterpriseId;
  return person.teamId === org.teamId;
}
