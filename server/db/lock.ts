import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../domain/errors';

/** Who holds the lock: a pid alone is not enough, since the kernel hands pids out again. */
interface Owner {
  pid: number;
  /** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat). */
  start: string | null;
  /** The boot the start time counts from. */
  boot: string | null;
}

/**
 * The embedded database may be opened by one process only. The lock file names its owner by
 * pid, start time and boot, so a lock left by a process that no longer runs (a crash,
 * kill -9) is taken over even when its pid now belongs to another process; a live owner is
 * refused. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'rodtrad.lock');
  const mine = JSON.stringify(ownerOf(process.pid));
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createWith(path, mine)) {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only our own lock: never a lock another process has since taken over.
        if (readOrNull(path) === mine) rmSync(path, { force: true });
      };
    }
    const found = readOrNull(path);
    if (found === null) continue;
    const owner = parseOwner(found);
    if (owner !== null && owner.pid !== process.pid && holdsLock(owner))
      throw new DomainError(
        'conflict',
        `Databasen i ${dataDir} används redan av en annan process (pid ${owner.pid}). ` +
          'Stoppa den först, eller ange en annan DATA_DIR.',
      );
    takeOver(path, found);
  }
  throw new DomainError('conflict', `Kunde inte låsa ${dataDir}.`);
}

/** Creates the lock file with its whole content at once, or returns false when it exists. */
function createWith(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, content);
  try {
    // A hard link appears complete or not at all: nobody reads a half-written owner.
    linkSync(temp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    return createExclusive(path, content);
  } finally {
    rmSync(temp, { force: true });
  }
}

// For file systems without hard links.
function createExclusive(path: string, content: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, content);
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Moves a stale lock aside. If it changed between reading and moving (another starting
 * process took it over first), the new one is put back and the next round judges it.
 */
function takeOver(path: string, judged: string): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readOrNull(aside) !== judged) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone has locked meanwhile; their lock stands.
    }
  }
  rmSync(aside, { force: true });
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** An owner from the lock's text; a bare pid is the format before start times were kept. */
function parseOwner(text: string): Owner | null {
  if (/^\s*\d+\s*$/.test(text)) return { pid: Number.parseInt(text, 10), start: null, boot: null };
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (!Number.isInteger(o.pid)) return null;
    return { pid: o.pid as number, start: o.start ?? null, boot: o.boot ?? null };
  } catch {
    return null;
  }
}

function ownerOf(pid: number): Owner {
  return { pid, start: startOf(pid), boot: bootId() };
}

/** Whether the process the lock names is still the one that took it. */
function holdsLock(owner: Owner): boolean {
  if (!isRunning(owner.pid)) return false;
  const start = startOf(owner.pid);
  // Without /proc (not Linux) the pid is all there is to go on.
  if (start === null) return true;
  if (owner.start === null) {
    // A lock from a version that kept only the pid: the owner can only have been a Node
    // process, so any other program with that pid now is not it.
    return commandOf(owner.pid).includes('node');
  }
  return owner.start === start && (owner.boot === null || owner.boot === bootId());
}

function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; the fields after it do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
