/** Resident memory of another process, as the kernel counts it (what `top` and a container limit see). */
import { readFile } from 'node:fs/promises';

export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Math.round(Number(kb) / 1024);
}
