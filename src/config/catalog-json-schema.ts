/**
 * The catalog's JSON Schema, generated from the zod schema so that the two cannot disagree.
 * Editors use it to check catalog.yml as it is typed; the loader stays the authority (the
 * JSON Schema cannot say that durations are durations or that ids are distinct).
 */
import { z } from 'zod';
import { catalogSchema } from './catalog-schema.js';

/**
 * The file the repository publishes as catalog.schema.json. Draft 7, because that is what
 * the YAML language server and most editors validate best; the input side of the schema,
 * because that is the file people write.
 */
export function catalogJsonSchemaText(): string {
  const schema = z.toJSONSchema(catalogSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  const titled = { ...schema, title: 'Latchkey catalog', description: 'The systems people can ask for, their roles, and who approves (see catalog.example.yml).' };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
