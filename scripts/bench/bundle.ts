/**
 * `DATABASE_URL=… npx tsx scripts/bench/bundle.ts [--manifest-only] [--screenshots=DIR]`
 * First-load JavaScript per app route, gzip, against the target of 200 kB per route and the
 * floor every route pays (the framework chunks). Two measures of the same production build:
 * the build's manifests (bundle-manifest.ts), and each page loaded in Chromium signed in as a
 * demo person (bundle-browser.ts; a scratch database, the server on BUNDLE_PORT, default 3355).
 * A route meets the target only if both say so. Writes bench/results/bundle.md and .json.
 * --manifest-only skips the browser (no database needed).
 */
import fs from 'node:fs';
import { buildIsFresh, ensureBuild } from '../build-state';
import { measureInBrowser, type BrowserRoute } from './bundle-browser';
import { readManifestReport, type ManifestReport } from './bundle-manifest';
import {
  formatNumber,
  machineInfo,
  markdownTable,
  metCell,
  requireDatabaseUrl,
  withScratchDb,
  writeReport,
  type BenchRow,
} from './lib';

const TARGET_KB = 200;
const MANIFEST_ONLY = process.argv.includes('--manifest-only');
const SCREENSHOTS =
  process.argv.find((a) => a.startsWith('--screenshots='))?.slice('--screenshots='.length) ?? null;
const PORT = Number(process.env.BUNDLE_PORT ?? 3355);

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function rowsOf(manifest: ManifestReport, browser: BrowserRoute[] | null): BenchRow[] {
  const floor = kb(manifest.shared.gzipBytes);
  const rows: BenchRow[] = manifest.routes.map((m) => {
    const b = browser?.find((r) => r.route === m.route);
    const value = Math.max(kb(m.gzipBytes), b ? kb(b.firstLoad.gzipBytes) : 0);
    const note = b
      ? `manifest ${formatNumber(kb(m.gzipBytes))} kB, Chromium ${formatNumber(kb(b.firstLoad.gzipBytes))} kB` +
        (b.later.chunks.length ? `; ${formatNumber(kb(b.later.gzipBytes))} kB loaded later` : '')
      : `manifest only${browser ? ' (not a page one can open)' : ''}`;
    return {
      what: `first-load JS ${m.route}`,
      value,
      unit: 'kB gzip',
      floor,
      target: `≤ ${TARGET_KB} kB gzip`,
      met: value <= TARGET_KB,
      note,
    };
  });
  return rows;
}

function browserTable(manifest: ManifestReport, browser: BrowserRoute[]): string {
  return markdownTable(
    [
      'route',
      'opened as',
      'manifest kB',
      'Chromium kB (gzip -9)',
      'Chromium kB on the wire',
      'scripts',
      'loaded later kB (gzip)',
      'met',
    ],
    browser.map((b) => {
      const m = manifest.routes.find((r) => r.route === b.route);
      const worst = Math.max(kb(b.firstLoad.gzipBytes), m ? kb(m.gzipBytes) : 0);
      return [
        `${b.route}${b.readyCheck ? ` (waited for \`${b.readyCheck}\`)` : ''}`,
        b.user ?? 'signed out',
        m ? kb(m.gzipBytes) : null,
        kb(b.firstLoad.gzipBytes),
        kb(b.firstLoad.transferredBytes),
        b.firstLoad.chunks.length,
        b.later.chunks.length ? kb(b.later.gzipBytes) : null,
        metCell(worst <= TARGET_KB),
      ];
    }),
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
}

/** Per route, the chunks beyond the shared ones: where a heavy import would show. */
function chunkList(manifest: ManifestReport): string {
  const shared = new Set(manifest.shared.chunks);
  return manifest.routes
    .map((r) => {
      const own = r.chunks.filter((c) => !shared.has(c));
      return `- ${r.route}: ${own.length} chunks beyond the shared ones, ${formatNumber(kb(r.gzipBytes) - kb(manifest.shared.gzipBytes))} kB`;
    })
    .join('\n');
}

async function main() {
  if (!MANIFEST_ONLY) requireDatabaseUrl('bundle');
  // `npm run bench` builds first; run alone, a missing build is made and a stale one named.
  if (!fs.existsSync('.next/BUILD_ID')) ensureBuild();
  else if (!buildIsFresh())
    console.warn(
      'The build in .next is older than the sources: measuring it anyway (run next build for current figures).',
    );
  const manifest = readManifestReport();
  let browser: BrowserRoute[] | null = null;
  if (!MANIFEST_ONLY) {
    console.log(`Loading every page in Chromium (server on port ${PORT})…`);
    browser = await withScratchDb('bundle', {}, (s) => measureInBrowser(s, PORT, SCREENSHOTS));
    if (!browser) console.warn('No Chromium found: manifest figures only.');
  }
  const rows = rowsOf(manifest, browser);
  const team = browser?.find((b) => b.route === '/team');
  if (team)
    rows.push({
      what: '/team charts (recharts), loaded after the page',
      value: kb(team.later.gzipBytes),
      unit: 'kB gzip',
      floor: null,
      target: 'not in the first load',
      met:
        team.later.gzipBytes > 0 &&
        !team.firstLoad.chunks.some((c) => team.later.chunks.includes(c)),
      note: `${team.later.chunks.length} chunk(s), fetched when the charts render; the charts were drawn (svg.recharts-surface visible)`,
    });
  const machine = await machineInfo();
  const sections = [
    `## Per page in Chromium\n\n${browser ? browserTable(manifest, browser) : 'Not measured in a browser (--manifest-only, or no Chromium).'}`,
    `"/" answers with a redirect to /inbox, so in Chromium it loads the inbox's scripts.`,
    `## Beyond the shared chunks\n\nShared by every route (build-manifest rootMainFiles): ${manifest.shared.chunks.length} chunks, ${formatNumber(kb(manifest.shared.gzipBytes))} kB gzip — the floor.\n\n${chunkList(manifest)}`,
  ];
  writeReport({
    name: 'bundle',
    title: 'First-load JavaScript per route',
    machine,
    intro: [
      `Build ${manifest.buildId} (next build, Turbopack). kB = 1,024 bytes of gzip -9, as Next's own report counted them. Target: every route ≤ ${TARGET_KB} kB; floor: the framework chunks every route loads.`,
      'Two measures, and a route meets the target only if both do: (1) the manifests — build-manifest.json `rootMainFiles` plus every `entryJSFiles` list of the route’s page_client-reference-manifest.js (root and group layouts, not-found and error boundaries, the page); (2) Chromium — the page opened in a fresh context (empty cache) signed in as the demo person who uses it, counting the scripts the HTML names (script tags and the inline RSC payload), so a chunk loaded later by next/dynamic is counted apart. "On the wire" is what the server actually sent (its own compression, or none).',
    ],
    rows,
    sections,
  });
  // Targets missed are findings, not failures: the exit status says whether the measure ran.
  for (const r of rows)
    console.log(`${r.met === false ? 'MISSED' : 'ok    '} ${r.what}: ${r.value} ${r.unit}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
