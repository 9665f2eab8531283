import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer map in the README is executable: these imports and calls are refused by
 * `npm run lint`. Each case lints a probe source as if it lived at `file` with the project's
 * own eslint.config.mjs (type-aware rules off, so a probe needs no file on disk).
 */
const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*.ts', '**/*.tsx'] }],
});

async function findings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const refused: [string, string, string, RegExp][] = [
  [
    'lib/domain imports lib/data (relative)',
    'lib/domain/probe.ts',
    "import { db } from '../data/database';\nexport const x = db;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'lib/domain imports lib/data (alias)',
    'lib/domain/probe.ts',
    "import { db } from '@/lib/data/database';\nexport const x = db;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'lib/domain imports lib/use-cases',
    'lib/domain/probe.ts',
    "import { guard } from '@/lib/use-cases/guard';\nexport const x = guard;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'lib/domain imports the database schema',
    'lib/domain/probe.ts',
    "import { tasks } from '@/db/schema';\nexport const x = tasks;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'lib/domain imports drizzle',
    'lib/domain/probe.ts',
    "import { sql } from 'drizzle-orm';\nexport const x = sql;\n",
    /no-restricted-imports/,
  ],
  [
    'lib/domain reads the clock',
    'lib/domain/probe.ts',
    'export const x = () => Date.now();\n',
    /no-restricted-syntax: lib\/domain reads no clock/,
  ],
  [
    'lib/domain reads the clock through new Date()',
    'lib/domain/probe.ts',
    'export const x = () => new Date();\n',
    /no-restricted-syntax: lib\/domain reads no clock/,
  ],
  [
    'lib/domain reads the environment',
    'lib/domain/probe.ts',
    'export const x = () => process.env.PORT;\n',
    /no-restricted-syntax: lib\/domain reads no process state/,
  ],
  [
    'app/ imports lib/data',
    'app/(work)/probe/page.tsx',
    "import { getDb } from '@/lib/data/database';\nexport const x = getDb;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'app/ imports db/',
    'app/(work)/probe/page.tsx',
    "import { openPostgres } from '@/db/client';\nexport const x = openPostgres;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'db/schema imports runtime code from lib/',
    'db/schema/probe.ts',
    "import { getEnv } from '@/lib/env';\nexport const x = getEnv;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'lib/data calls up into lib/use-cases',
    'lib/data/probe.ts',
    "import { guard } from '@/lib/use-cases/guard';\nexport const x = guard;\n",
    /import\/no-restricted-paths/,
  ],
  [
    'a use-case reads process.env instead of lib/env.ts',
    'lib/use-cases/probe.ts',
    'export const x = () => process.env.PORT;\n',
    /no-restricted-properties/,
  ],
];

describe('layer boundaries (eslint.config.mjs)', () => {
  it.each(refused)('refuses: %s', async (_name, file, code, rule) => {
    const found = await findings(file, code);
    expect(
      found.some((f) => rule.test(f)),
      found.join('\n'),
    ).toBe(true);
  });

  it('accepts what the layer map allows', async () => {
    expect(
      await findings(
        'lib/domain/probe.ts',
        "import { addBusinessDays } from './business-calendar';\nexport const x = addBusinessDays;\n",
      ),
    ).toEqual([]);
    expect(
      await findings(
        'lib/use-cases/probe.ts',
        "import { getEnv } from '@/lib/env';\nexport const x = () => getEnv().PORT;\n",
      ),
    ).toEqual([]);
  });
});
