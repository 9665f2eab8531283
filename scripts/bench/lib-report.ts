/** What the benchmarks write (see lib.ts): plans, markdown tables, the .md/.json pair, the machine. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { queryRows, type Db } from '../../db/client';
import { RESULTS_DIR, type BenchResult, type BenchRow } from './lib-contract';

/**
 * EXPLAIN (ANALYZE, BUFFERS) of `query` as text. Runs inside a transaction that is rolled back,
 * so an UPDATE or a FOR UPDATE leaves nothing behind. `db` must be a database, not a transaction.
 */
export async function explainAnalyze(db: Db, query: SQL): Promise<string> {
  let lines: string[] = [];
  await db
    .transaction(async (tx) => {
      const rows = await queryRows<Record<string, string>>(
        tx,
        sql`explain (analyze, buffers) ${query}`,
      );
      lines = rows.map((r) => Object.values(r)[0] ?? '');
      tx.rollback();
    })
    .catch((e: unknown) => {
      // drizzle's rollback throws to unwind; anything else is a real failure.
      if (!(e instanceof Error && /rollback/i.test(e.message))) throw e;
    });
  return lines.join('\n');
}

/** A markdown section: heading, optional sentence, the plan in a code block. */
export function planSection(title: string, plan: string, note?: string): string {
  return [`### ${title}`, '', ...(note ? [note, ''] : []), '```', plan, '```', ''].join('\n');
}

/** A markdown table; numbers are right-aligned unless `align` says otherwise. */
export function markdownTable(
  headers: string[],
  rows: (string | number | null)[][],
  align?: ('l' | 'r')[],
): string {
  const cell = (v: string | number | null) =>
    v === null ? '—' : typeof v === 'number' ? formatNumber(v) : v.replace(/\|/g, '\\|');
  const aligns =
    align ?? headers.map((_, i) => (rows.every((r) => typeof r[i] === 'number') ? 'r' : 'l'));
  return [
    `| ${headers.join(' | ')} |`,
    `|${aligns.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** 1234.5 → "1,234.5"; fewer decimals for large values (≥ 100: none, ≥ 10: one, else two). */
export function formatNumber(x: number, digits?: number): string {
  if (!Number.isFinite(x)) return String(x);
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: d });
}

/** "yes" / "**no**" / "—" */
export function metCell(met: boolean | null): string {
  return met === null ? '—' : met ? 'yes' : '**no**';
}

/** The standard table of a benchmark's rows: what | value | floor | target | met | note. */
export function resultsTable(rows: readonly BenchRow[]): string {
  return markdownTable(
    ['what', 'value', 'floor', 'target', 'met', 'note'],
    rows.map((r) => [
      r.what,
      `${formatNumber(r.value)} ${r.unit}`,
      r.floor === null ? null : `${formatNumber(r.floor)} ${r.unit}`,
      r.target,
      metCell(r.met),
      r.note ?? '',
    ]),
    ['l', 'r', 'r', 'l', 'l', 'l'],
  );
}

export type ReportParts = {
  /** Benchmark name: the file names are bench/results/<name>.md and .json. */
  name: string;
  title: string;
  machine: MachineInfo;
  /** Paragraphs after the machine line: what was measured, data sizes, method. */
  intro?: string[];
  rows: BenchRow[];
  /** Further markdown sections (tables, plans), in order. */
  sections?: string[];
};

/** The markdown of a report: title, machine, intro, results table, sections. */
export function renderReport(parts: ReportParts): string {
  return [
    `# ${parts.title}`,
    '',
    machineMarkdown(parts.machine),
    '',
    ...(parts.intro ?? []).flatMap((p) => [p, '']),
    '## Results',
    '',
    resultsTable(parts.rows),
    '',
    ...(parts.sections ?? []).flatMap((s) => [s, '']),
  ].join('\n');
}

/** Writes bench/results/<name>.md and bench/results/<name>.json; returns their paths. */
export function writeResults(
  name: string,
  rows: BenchRow[],
  markdown: string,
): { md: string; json: string } {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const md = path.join(RESULTS_DIR, `${name}.md`);
  const json = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(md, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  const result: BenchResult = { name, rows };
  fs.writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), md)} and ${path.basename(json)}`);
  return { md, json };
}

/** renderReport + writeResults in one call. */
export function writeReport(parts: ReportParts): { md: string; json: string } {
  return writeResults(parts.name, parts.rows, renderReport(parts));
}

/** Reads bench/results/<name>.json, or null when missing or not of the contract's shape. */
export function readResult(file: string): BenchResult | null {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BenchResult>;
    if (typeof r.name !== 'string' || !Array.isArray(r.rows)) return null;
    return r as BenchResult;
  } catch {
    return null;
  }
}

export type MachineInfo = {
  cores: number;
  cpu: string;
  ramGb: number;
  node: string;
  /** server_version of the PostgreSQL behind the URL, or null when not asked / unreachable. */
  postgres: string | null;
  platform: string;
  loadAverage: number;
  date: string;
  /** Short commit hash, with "+changes" when the working tree differs from it. */
  commit: string;
};

/** What the figures were measured on. `databaseUrl` (default DATABASE_URL) to ask PostgreSQL. */
export async function machineInfo(databaseUrl = process.env.DATABASE_URL): Promise<MachineInfo> {
  let pg: string | null = null;
  if (databaseUrl) {
    const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [r] = await client<{ v: string }[]>`select current_setting('server_version') as v`;
      pg = r?.v.split(' ')[0] ?? null;
    } catch {
      pg = null;
    } finally {
      await client.end({ timeout: 5 });
    }
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown cpu',
    ramGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: pg,
    platform: `${process.platform}/${process.arch}`,
    loadAverage: os.loadavg()[0] ?? 0,
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
}

/** Short HEAD hash, "+changes" when the tree is dirty; "unknown" outside git. */
export function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        encoding: 'utf8',
      }).trim() !== '';
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

/** One line: cores, CPU, RAM, PostgreSQL, Node, platform, load, date, commit. */
export function machineMarkdown(m: MachineInfo): string {
  return (
    `Machine: ${m.cores} cores (${m.cpu}), ${m.ramGb} GB RAM, PostgreSQL ${m.postgres ?? 'n/a'}, ` +
    `Node ${m.node}, ${m.platform}; load average ${m.loadAverage.toFixed(2)} at the start. ` +
    `Run ${m.date} at commit ${m.commit}.`
  );
}
