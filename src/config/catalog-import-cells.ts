/** What a spreadsheet cell holds, read the way people fill them in. */

/** A space-separated list; a blank cell is an empty one. */
export const list = (cell: string | undefined): string[] => (cell ?? '').split(/\s+/).filter(Boolean);

/** Spreadsheets write booleans as TRUE/FALSE, people as yes/no; undefined is neither. */
export function parseYesNo(cell: string): boolean | undefined {
  const text = cell.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(text)) return true;
  if (['false', 'no', 'n', '0'].includes(text)) return false;
  return undefined;
}

/** `manual`, `webhook URL SECRET_ENV` or `slack_usergroup S…` as the catalog's mapping; a string is the problem. */
export function parseRevoker(cell: string): Record<string, unknown> | string {
  const [type, ...rest] = list(cell);
  const arity: Record<string, string[]> = { manual: [], webhook: ['url', 'secret_env'], slack_usergroup: ['usergroup'] };
  const fields = arity[type!];
  if (!fields || fields.length !== rest.length) return `${JSON.stringify(cell)} is not a revoker (write manual, webhook URL SECRET_ENV or slack_usergroup S…)`;
  return Object.fromEntries([['type', type], ...fields.map((field, i) => [field, rest[i]])]);
}
