/**
 * First-load JavaScript per app route, read from a production build's manifests (Next 16,
 * Turbopack), since `next build` no longer prints "First Load JS":
 * - .next/build-manifest.json `rootMainFiles`: the framework and runtime every route loads;
 * - .next/server/app/<route>/page_client-reference-manifest.js `entryJSFiles`: per segment of
 *   the route (root layout, group layout, not-found and error boundaries, the page) the chunks
 *   its client components need, which the HTML names and the browser fetches before hydrating.
 * Chunks that a route loads only later (next/dynamic, import()) are in neither list.
 * Sizes are gzip at level 9, as Next's own report measured them.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

export type ManifestRoute = {
  /** "/team", "/cases/[id]", "/_not-found" */
  route: string;
  /** Chunk paths relative to .next ("static/chunks/….js"), the shared ones included. */
  chunks: string[];
  gzipBytes: number;
};

export type ManifestReport = {
  buildId: string;
  /** The chunks every route loads, and their gzip size: the floor of any route. */
  shared: { chunks: string[]; gzipBytes: number };
  routes: ManifestRoute[];
};

const sizes = new Map<string, number>();

/** gzip -9 size of a file under .next (cached: chunks repeat across routes). */
export function gzipSize(nextDir: string, file: string): number {
  const key = path.join(nextDir, file);
  let n = sizes.get(key);
  if (n === undefined) {
    n = zlib.gzipSync(fs.readFileSync(key), { level: 9 }).length;
    sizes.set(key, n);
  }
  return n;
}

type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

/** Evaluates a page_client-reference-manifest.js (it assigns globalThis.__RSC_MANIFEST[key]). */
function readClientManifest(file: string): Record<string, ClientReferenceManifest> {
  const sandbox = {
    globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> },
  };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox);
  return sandbox.globalThis.__RSC_MANIFEST ?? {};
}

function findFiles(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findFiles(p, name);
    return e.name === name ? [p] : [];
  });
}

/** First-load JavaScript of every app route of the build in `nextDir` (default .next). */
export function readManifestReport(nextDir = path.resolve('.next')): ManifestReport {
  const buildManifest = JSON.parse(
    fs.readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8'),
  ) as { rootMainFiles: string[] };
  const routeNames = JSON.parse(
    fs.readFileSync(path.join(nextDir, 'app-path-routes-manifest.json'), 'utf8'),
  ) as Record<string, string>;
  const shared = buildManifest.rootMainFiles;
  const routes: ManifestRoute[] = [];
  for (const file of findFiles(
    path.join(nextDir, 'server/app'),
    'page_client-reference-manifest.js',
  )) {
    for (const [entry, manifest] of Object.entries(readClientManifest(file))) {
      const chunks = new Set(shared);
      for (const list of Object.values(manifest.entryJSFiles ?? {}))
        for (const chunk of list) chunks.add(chunk);
      const all = [...chunks];
      routes.push({
        route: routeNames[entry] ?? entry.replace(/\/page$/, '').replace(/\/\([^)]+\)/g, ''),
        chunks: all,
        gzipBytes: all.reduce((sum, c) => sum + gzipSize(nextDir, c), 0),
      });
    }
  }
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return {
    buildId: fs.readFileSync(path.join(nextDir, 'BUILD_ID'), 'utf8').trim(),
    shared: { chunks: shared, gzipBytes: shared.reduce((s, c) => s + gzipSize(nextDir, c), 0) },
    routes,
  };
}
