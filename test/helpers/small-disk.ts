import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** Where it is mounted. */
  path: string;
  /** Takes every free byte (a file of zeros grows until the disk is full). */
  fill(): void;
  /** Gives the space back. */
  free(): void;
  unmount(): void;
}

/** Why a small disk cannot be had here, or null when it can (mounting a tmpfs needs root). */
export function smallDiskUnavailable(): string | null {
  if (process.platform !== 'linux') return 'needs Linux';
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs';
  return null;
}

/**
 * A disk of its own for a test that fills it: a `sizeMb` tmpfs mounted on a temporary directory, so a full
 * disk harms nothing else on the machine.
 */
export function mountSmallDisk(sizeMb: number): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), 'paperboy-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', path]);
  const filler = join(path, 'filler');
  return {
    path,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(1024 * 1024);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // The last megabyte may have left a little room: take it in small pieces.
        const small = Buffer.alloc(4096);
        try {
          for (;;) writeSync(fd, small);
        } catch {}
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', [path]);
      } catch {
        execFileSync('umount', ['-l', path]);
      }
      rmSync(path, { recursive: true, force: true });
    },
  };
}
