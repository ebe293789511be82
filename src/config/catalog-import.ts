/**
 * The RBAC matrix from a spreadsheet to catalog YAML: one CSV row per role, rows of one
 * system merged into that system. The result is checked with the catalog's own schema, and
 * every problem is reported at the CSV line and column it came from, so the spreadsheet is
 * what people fix.
 *
 * The CSV is read with csv-parse, not split on commas: spreadsheets quote cells holding
 * commas, quotes or line breaks, double their quotes, start with a byte-order mark and end
 * lines with CRLF, and a well-kept parser gets all of that right and names the line of a
 * malformed row.
 */
import { parse } from 'csv-parse/sync';
import { Document, isScalar, visit } from 'yaml';
import { plainWords } from './catalog.js';
import { catalogSchema, formatPath } from './catalog-schema.js';
import { list, parseRevoker, parseYesNo } from './catalog-import-cells.js';

export const CSV_COLUMNS = [
  'system', 'system_name', 'role', 'role_name', 'description', 'privileged',
  'owners', 'durations', 'max_duration', 'approvals', 'collection', 'revoker',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['system', 'role', 'owners', 'privileged', 'max_duration'];
/** Columns that describe the system, not the role (the same on all of its rows), and their catalog keys. */
const SYSTEM_COLUMNS = { system_name: 'name', owners: 'owners', collection: 'collection', revoker: 'revoker' } as const;
type SystemColumn = keyof typeof SYSTEM_COLUMNS;
/**
 * The CSV has no column for how access is handed over; an admin inviting the person into
 * the system is the method every system supports and it never moves a credential.
 */
export const DEFAULT_COLLECTION = 'admin_invite';
/** Valid ids that name nobody: the catalog loads, and `latchkey doctor` flags them as unknown people. */
const PLACEHOLDER_REVIEWER = 'U0REPLACEME';

type Row = { line: number; cells: Record<Column, string> };
/** Where each column sits in this file's header (1-based), for pointing at cells. */
type Columns = (name: Column) => number;
/** A problem at a CSV cell, or (`file` set) in the base catalog. */
type Problem = { line: number; column: number; text: string; file?: string };
type Raw = Record<string, unknown>;

interface SystemEntry {
  id: string;
  given: Partial<Record<SystemColumn, unknown>>;
  roles: Raw[];
  /** Where each system-level value was first given, for pointing problems at it. */
  lines: Partial<Record<Column, number>>;
  /** The row each role came from, in order. */
  roleRows: Row[];
}

export type ImportResult = { ok: true; yaml: string; placeholders: boolean } | { ok: false; problems: string[] };

/**
 * Converts `csvText` to catalog YAML. Everything but `systems` (settings, security,
 * coordinators, …) comes from `base`, the raw mapping of an existing catalog read from
 * `base.file`; without one, security is a placeholder marked in a comment.
 */
export function importCatalogCsv(csvText: string, fileName: string, base?: { file: string; data: Raw }): ImportResult {
  const problems: Problem[] = [];
  const { rows, columnOf } = readRows(csvText, problems);
  const systems = new Map<string, SystemEntry>();
  const rejected = new Set(rows.filter((row) => !addRow(systems, row, columnOf, problems)).map((row) => row.line));
  const entries = [...systems.values()];
  const data = { ...(base?.data ?? { version: 1, security: { reviewers: [PLACEHOLDER_REVIEWER] }, coordinators: [] }), systems: entries.map(systemData) };
  const result = rows.length > 0 ? catalogSchema.safeParse(data, { error: plainWords }) : undefined;
  if (result?.success === false) {
    // A rejected row is left out of the catalog, and what its absence causes is no news.
    const located = result.error.issues.flatMap((issue) => locate(entries, columnOf, issue.path, issue.message, base?.file));
    problems.push(...located.filter((p) => !rejected.has(p.line)));
  }
  if (problems.length > 0 || !result?.success) {
    problems.sort((a, b) => Number(!!a.file) - Number(!!b.file) || a.line - b.line || a.column - b.column);
    return { ok: false, problems: problems.map((p) => (p.file ? `${p.file}: ${p.text}` : `${fileName}:${p.line}:${p.column} ${p.text}`)) };
  }
  return { ok: true, yaml: toYaml(data, !base), placeholders: !base };
}

function readRows(csvText: string, problems: Problem[]): { rows: Row[]; columnOf: Columns } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csvText, { bom: true, columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), info: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    problems.push({ line: lines ?? 1, column: 1, text: `not readable as CSV: ${message}` });
    return { rows: [], columnOf: () => 1 };
  }
  const header = Object.keys(records[0]?.record ?? {});
  // A column the file leaves out is pointed at as its first one.
  const columnOf = (name: Column) => Math.max(1, header.indexOf(name) + 1);
  if (!checkHeader(header, problems)) return { rows: [], columnOf };
  return { rows: records.map(({ record, info }) => ({ line: info.lines, cells: record as Record<Column, string> })), columnOf };
}

/** Unknown columns are errors, as unknown catalog keys are: a typo must not drop a rule. */
function checkHeader(header: string[], problems: Problem[]): boolean {
  if (header.length === 0) problems.push({ line: 1, column: 1, text: `the file has no rows (the first line names the columns: ${CSV_COLUMNS.join(', ')})` });
  header.forEach((name, index) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) problems.push({ line: 1, column: index + 1, text: `${JSON.stringify(name)} is not a known column (use ${CSV_COLUMNS.join(', ')})` });
  });
  for (const name of REQUIRED) if (header.length > 0 && !header.includes(name)) problems.push({ line: 1, column: 1, text: `the column ${name} is missing` });
  return problems.length === 0;
}


/** Reports every problem of the row at once; false when its role had to be left out. */
function addRow(systems: Map<string, SystemEntry>, row: Row, columnOf: Columns, problems: Problem[]): boolean {
  const at = (column: Column, text: string) => void problems.push({ line: row.line, column: columnOf(column), text: `${column}: ${text}` });
  if (!row.cells.system) {
    at('system', 'is required');
    return false;
  }
  const entry = systemEntry(systems, row);
  // The owners are the system's: its first row names them, later rows may leave them blank.
  const missing = REQUIRED.filter((column) => !row.cells[column] && !(column === 'owners' && entry.lines.system !== row.line));
  missing.forEach((column) => at(column, 'is required'));
  const privileged = parseYesNo(row.cells.privileged);
  if (row.cells.privileged && privileged === undefined) at('privileged', `${JSON.stringify(row.cells.privileged)} is not true or false`);
  const revoker = row.cells.revoker ? parseRevoker(row.cells.revoker) : undefined;
  if (typeof revoker === 'string') at('revoker', revoker);
  mergeSystemCells(entry, row, typeof revoker === 'string' ? undefined : revoker, at);
  if (missing.length > 0 || privileged === undefined) return false;
  entry.roleRows.push(row);
  entry.roles.push(roleOf(row, privileged));
  return true;
}

function systemEntry(systems: Map<string, SystemEntry>, row: Row): SystemEntry {
  const id = row.cells.system;
  const known = systems.get(id);
  if (known) return known;
  const entry: SystemEntry = { id, given: {}, roles: [], lines: { system: row.line }, roleRows: [] };
  systems.set(id, entry);
  return entry;
}

/** The first row that gives a system-level value sets it; a later row may repeat it or leave it blank. */
function mergeSystemCells(entry: SystemEntry, row: Row, revoker: Raw | undefined, at: (column: Column, text: string) => void): void {
  const values: Record<SystemColumn, unknown> = {
    system_name: row.cells.system_name || undefined,
    owners: row.cells.owners ? list(row.cells.owners) : undefined,
    collection: row.cells.collection ? list(row.cells.collection) : undefined,
    revoker,
  };
  for (const column of Object.keys(SYSTEM_COLUMNS) as SystemColumn[]) {
    const value = values[column];
    if (value === undefined) continue;
    const first = entry.lines[column];
    if (first === undefined) {
      entry.lines[column] = row.line;
      entry.given[column] = value;
    } else if (JSON.stringify(entry.given[column]) !== JSON.stringify(value)) {
      at(column, `differs from line ${first} (a system's ${column} is the same on all its rows; leave it blank after the first)`);
    }
  }
}

/** The system in catalog keys; the sheet has no system description, so the name serves as one. */
function systemData(entry: SystemEntry): Raw {
  const { system_name: name = entry.id, owners, collection = [DEFAULT_COLLECTION], revoker } = entry.given;
  return { id: entry.id, name, description: name, owners, collection, ...(revoker ? { revoker } : {}), roles: entry.roles };
}

function roleOf(row: Row, privileged: boolean): Raw {
  const name = row.cells.role_name || row.cells.role;
  return {
    id: row.cells.role,
    name,
    description: row.cells.description || name,
    privileged,
    // One choice, the longest, when the sheet offers none.
    durations: row.cells.durations ? list(row.cells.durations) : [row.cells.max_duration],
    max_duration: row.cells.max_duration,
    ...(row.cells.approvals ? { approvals: list(row.cells.approvals) } : {}),
  };
}

const ROLE_COLUMNS: Record<string, Column> = { id: 'role', name: 'role_name', description: 'description', privileged: 'privileged', durations: 'durations', max_duration: 'max_duration', approvals: 'approvals' };
const SYSTEM_FIELD_COLUMNS: Record<string, Column> = { id: 'system', name: 'system_name', description: 'system_name', owners: 'owners', collection: 'collection', revoker: 'revoker' };

/**
 * Points a schema problem at the CSV cell it came from; problems outside `systems` are the
 * base catalog's. Durations the sheet left out repeat max_duration, whose own problem says it all.
 */
function locate(entries: SystemEntry[], columnOf: Columns, path: PropertyKey[], message: string, baseFile?: string): Problem[] {
  const [top, index, field, roleIndex, roleField] = path;
  const entry = top === 'systems' && typeof index === 'number' ? entries[index] : undefined;
  if (!entry) return [{ line: 1, column: 1, text: `${formatPath(path)}: ${message}`, ...(top === 'systems' || !baseFile ? {} : { file: baseFile }) }];
  if (field === 'roles' && typeof roleIndex === 'number') {
    const row = entry.roleRows[roleIndex]!;
    const column = ROLE_COLUMNS[String(roleField)] ?? 'role';
    if (column === 'durations' && !row.cells.durations) return [];
    return [{ line: row.line, column: columnOf(column), text: `${column}: ${message}` }];
  }
  const column = SYSTEM_FIELD_COLUMNS[String(field)] ?? 'system';
  return [{ line: entry.lines[column] ?? entry.lines.system!, column: columnOf(column), text: `${column}: ${message}` }];
}

function toYaml(data: Raw, placeholders: boolean): string {
  const doc = new Document(data);
  // Short lists on one line, as people write them by hand: durations: [1d, 7d].
  visit(doc, { Seq: (_, node) => void (node.flow = node.items.every(isScalar)) });
  doc.commentBefore = [
    ' yaml-language-server: $schema=./catalog.schema.json',
    ' Imported from a spreadsheet by `latchkey catalog import`.',
    ...(placeholders ? [` ${PLACEHOLDER_REVIEWER} in security.reviewers is a placeholder: name your security reviewers`, ' (or import with --base catalog.yml to keep an existing catalog\'s security and coordinators).'] : []),
  ].join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
