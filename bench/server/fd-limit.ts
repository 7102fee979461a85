import { execFileSync } from 'node:child_process';

// Open-file descriptors: every connection holds one in the server child and one in a client
// process. Processes inherit the limit of the process that starts them, so the bench raises
// its own (soft and hard, with `prlimit`) before it starts any. Raising the hard limit needs
// root with CAP_SYS_RESOURCE (up to `fs.nr_open`); without it only the soft limit goes up,
// to the hard one, and the phases that need more say so instead of failing half-way.

export interface DescriptorLimit {
  soft: number;
  hard: number;
  /** What was asked for. */
  wanted: number;
  /** Why the limit could not be raised to `wanted` (null: it was, or it already was). */
  refused: string | null;
}

function read(): { soft: number; hard: number } {
  const out = execFileSync(
    'prlimit',
    ['--pid', String(process.pid), '--nofile', '--raw', '--noheadings', '--output', 'SOFT,HARD'],
    { encoding: 'utf8' },
  ).trim();
  const [soft, hard] = out.split(/\s+/).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft: soft ?? 0, hard: hard ?? 0 };
}

function set(soft: number, hard: number): string | null {
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${soft}:${hard}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error instanceof Error ? error.message : 'failed');
  }
}

/** Raises this process's descriptor limit to `wanted` where allowed; says what it got. */
export function raiseDescriptorLimit(wanted: number): DescriptorLimit {
  let current: { soft: number; hard: number };
  try {
    current = read();
  } catch {
    return { soft: Number.NaN, hard: Number.NaN, wanted, refused: 'prlimit is not available' };
  }
  if (current.soft >= wanted) return { ...current, wanted, refused: null };
  let refused = current.hard >= wanted ? null : set(wanted, wanted);
  if (refused !== null || current.hard >= wanted) {
    // Not allowed past the hard limit: at least the soft one up to it.
    const soft = Math.min(wanted, current.hard);
    if (soft > current.soft) set(soft, current.hard);
    if (current.hard >= wanted) refused = null;
  }
  return { ...read(), wanted, refused };
}

export function describeLimit(limit: DescriptorLimit): string {
  const got = `descriptor limit ${limit.soft} (hard ${limit.hard})`;
  return limit.refused === null
    ? got
    : `${got}; raising it to ${limit.wanted} was refused (${limit.refused}): root without CAP_SYS_RESOURCE, or not root`;
}
