/**
 * A file shipped at the package's top level (manifest.yml), found by walking up from this
 * module: the code runs from src/ under tsx and from dist/src/ once built.
 */
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export async function packageFile(name: string, from = import.meta.dirname): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, name);
    if (await access(path).then(() => true, () => false)) return path;
    if (dirname(dir) === dir) throw new Error(`${name} is not found above ${from}`);
  }
}
