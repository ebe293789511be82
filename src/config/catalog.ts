/**
 * Loads the catalog file people edit by hand. A mistake is reported with file, line and
 * column, all at once, so one fix-and-restart round is enough.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Catalog } from '../domain/types.js';
import { catalogSchema, formatPath, show } from './catalog-schema.js';

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CatalogError';
  }
}

export async function loadCatalog(path: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CatalogError([`${path}: file not found (copy catalog.example.yml to catalog.yml, or set CATALOG_PATH)`]);
    }
    throw new CatalogError([`${path}: cannot be read (${code ?? String(error)})`]);
  }
  return parseCatalog(text, path);
}

export function parseCatalog(yamlText: string, fileName: string): Catalog {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  const where = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new CatalogError(doc.errors.map((error) => `${where(error.pos[0])} invalid YAML: ${error.message}`));
  }
  if (!isMap(doc.contents)) {
    throw new CatalogError([`${where(0)} the catalog must be a mapping with version, security and systems (start from catalog.example.yml)`]);
  }
  const result = catalogSchema.safeParse(toData(doc, where(0)), { error: plainWords });
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => locate(doc, issue));
    // Issues arrive grouped by rule; people read the file top to bottom.
    problems.sort((a, b) => a.offset - b.offset);
    throw new CatalogError(problems.map((p) => `${where(p.offset)} ${p.path ? `${p.path}: ` : ''}${p.message}`));
  }
  return deepFreeze(result.data);
}

/** Too many aliases make the parser throw; report that like any other problem in the file. */
function toData(doc: Document, start: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    throw new CatalogError([`${start} invalid YAML: ${(error as Error).message}`]);
  }
}

interface Problem {
  offset: number;
  path: string;
  message: string;
}

/** One problem per issue, except unknown keys: each gets its own line, at the key itself. */
function locate(doc: Document, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((key) => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      offset: keyOffset(doc, path, key) ?? nodeOffset(doc, path),
      path: formatPath([...path, key]),
      message: 'is not a known key (check the spelling)',
    }));
  }
  return [{ offset: nodeOffset(doc, path), path: formatPath(path), message: issue.message }];
}

/** Where the value at `path` starts; a missing key points at the nearest parent that exists. */
function nodeOffset(doc: Document, path: readonly (string | number)[]): number {
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return doc.contents?.range?.[0] ?? 0;
}

function keyOffset(doc: Document, path: readonly (string | number)[], key: string): number | undefined {
  const map = path.length > 0 ? doc.getIn(path, true) : doc.contents;
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
};

/** Zod's defaults speak to programmers; these speak to whoever edits the file. */
export function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return 'is empty (give a value or remove the key)';
      return `must be ${KINDS[issue.expected] ?? issue.expected}, not ${show(issue.input)}`;
    case 'too_small':
      if (issue.origin !== 'array') return 'must not be empty';
      return issue.minimum === 1 ? 'must list at least one' : `must list at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `must list at most ${issue.maximum}` : `must be at most ${issue.maximum} characters`;
    case 'invalid_value':
      return `${show(issue.input)} is not one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return `${show(issue.input)} does not match any allowed form`;
    default:
      return undefined;
  }
}

/** Shared by every handler for the life of the process, so nobody may change it in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
