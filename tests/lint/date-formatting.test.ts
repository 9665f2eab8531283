import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One way dates read (issue 14): every date shown in app/ goes through
 * app/_components/ui/format-instant.ts (or <DateTime>/<Day>), in the viewer's time zone. A page
 * that formats a date by itself — toLocale*String, its own Intl.DateTimeFormat, a raw
 * toISOString() or a sliced ISO date in JSX — brings back a second format and the server's zone.
 */
const root = path.resolve(__dirname, '../..');
const ALLOWED = new Set(['app/_components/ui/format-instant.ts']);

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/\.toLocale(Date|Time)String\(/, 'toLocaleDateString'],
  // A number's toLocaleString (a count) is fine; a date's is not.
  [/(?:At|Date|date|[Tt]ime)\)?\.toLocaleString\(/, 'a date’s toLocaleString'],
  [/new Intl\.DateTimeFormat\(/, 'Intl.DateTimeFormat'],
  [/\{[^}]*\.toISOString\(\)[^}]*\}\s*<\//, 'an ISO timestamp as text'],
  [/\.(day|date|At)\.slice\(\d/, 'a sliced ISO date'],
];

describe('dates in app/', () => {
  it('are formatted only by format-instant.ts', () => {
    const found: string[] = [];
    for (const file of sources('app')) {
      if (ALLOWED.has(file) || file.startsWith('app/api/')) continue;
      const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const [re, what] of FORBIDDEN)
          if (re.test(line)) found.push(`${file}:${i + 1} ${what}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
