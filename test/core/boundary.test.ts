import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importsLeaving, sourceFiles } from '../helpers/imports-leaving.js';

const coreDir = new URL('../../src/core/', import.meta.url).pathname;
/** Pure libraries the core may use: no I/O, no platform, no database. */
const CORE_PACKAGES = ['zod'];

describe('the core', () => {
  it('has files to check', () => {
    expect(sourceFiles(coreDir).length).toBeGreaterThan(20);
  });

  it('imports nothing outside src/core but the pure libraries it is allowed', () => {
    expect(importsLeaving(coreDir, CORE_PACKAGES)).toEqual([]);
  });
});

describe('importsLeaving', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-boundary-'));
  const core = join(root, 'core');
  mkdirSync(join(core, 'bot'), { recursive: true });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('catches every form of import that leaves the folder, and only those', () => {
    writeFileSync(
      join(core, 'bot', 'planted.ts'),
      [
        '/// <reference types="node" />',
        "import { App } from '@slack/bolt';",
        "import { readFileSync } from 'node:fs';",
        "import path from 'path';",
        "import type { Database } from '../../db/database.js';",
        "import '../../db/side-effect.js';",
        "export { papers } from '../../db/schema.js';",
        "export * from '../../store/paper-store.js';",
        "import chalk = require('chalk');",
        "const blocks = await import('../../adapters/slack/blocks.js');",
        "const chosen = await import('../../' + name);",
        "const legacy = require('postgres');",
        "type Row = import('drizzle-orm').InferSelectModel<never>;",
        "import { sneaky } from './../../outside.js';",
        "import { absolute } from '/etc/paperboy.js';",
        "import {\n  a,\n  b,\n} from '../../cli/run-cli.js';",
      ].join('\n'),
    );
    writeFileSync(
      join(core, 'bot', 'clean.ts'),
      [
        "import { z } from 'zod';",
        "import { ok } from '../result.js';",
        "import type { Card } from './card.js';",
        "export * from '../cards/build-cards.js';",
        "const lazy = await import('./lazy.js');",
        "// import { App } from '@slack/bolt';",
        'const text = "import x from \'postgres\'";',
      ].join('\n'),
    );

    const planted = (line: number, specifier: string) => ({
      file: join('bot', 'planted.ts'),
      line,
      specifier,
    });
    expect(importsLeaving(core, CORE_PACKAGES)).toEqual([
      planted(2, '@slack/bolt'),
      planted(3, 'node:fs'),
      planted(4, 'path'),
      planted(5, '../../db/database.js'),
      planted(6, '../../db/side-effect.js'),
      planted(7, '../../db/schema.js'),
      planted(8, '../../store/paper-store.js'),
      planted(9, 'chalk'),
      planted(10, '../../adapters/slack/blocks.js'),
      planted(11, '<computed>'),
      planted(12, 'postgres'),
      planted(13, 'drizzle-orm'),
      planted(14, './../../outside.js'),
      planted(15, '/etc/paperboy.js'),
      planted(16, '../../cli/run-cli.js'),
      planted(1, 'node'),
    ]);
  });
});
