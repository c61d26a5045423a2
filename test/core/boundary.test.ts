import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = new URL('../../src/core/', import.meta.url).pathname;
const FORBIDDEN =
  /from\s+['"](@slack\/[^'"]*|discord\.js|@discordjs\/[^'"]*|drizzle-orm[^'"]*|postgres|@electric-sql\/[^'"]*|node:[^'"]*)['"]/;
const OUTSIDE_CORE = /from\s+['"](\.\.\/)+(db|store|sources|adapters|cli|ingest|logging)\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the core', () => {
  const files = sourceFiles(coreDir);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports no platform, database or Node library, and nothing outside src/core', () => {
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => FORBIDDEN.test(line) || OUTSIDE_CORE.test(line))
        .map((line) => `${relative(coreDir, file)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('catches a forbidden import when there is one', () => {
    expect(FORBIDDEN.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(FORBIDDEN.test("import { eq } from 'drizzle-orm';")).toBe(true);
    expect(OUTSIDE_CORE.test("import { papers } from '../../db/schema.js';")).toBe(true);
    expect(FORBIDDEN.test("import { z } from 'zod';")).toBe(false);
  });
});
