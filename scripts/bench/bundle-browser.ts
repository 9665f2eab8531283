/**
 * The cross-check of bundle-manifest.ts: each page loaded in Chromium, signed in as the demo
 * person who uses it, in a fresh browser context (empty cache), counting the scripts it fetches.
 * A script is first-load when the page's HTML names it (script tags and the inline RSC payload
 * that lists the client chunks to load before hydration); anything fetched afterwards (a
 * next/dynamic chunk) is counted apart as loaded later.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { CHROMIUM_ARGS, findChromium } from '../chromium';
import { gzipSize } from './bundle-manifest';
import { signIn, startServer, type ScratchDb } from './lib';

export type BrowserRoute = {
  route: string;
  url: string;
  user: string | null;
  /** Scripts the HTML names: gzip -9 of the file on disk, and bytes on the wire. */
  firstLoad: { chunks: string[]; gzipBytes: number; transferredBytes: number };
  /** Scripts fetched that the HTML does not name (lazy chunks). */
  later: { chunks: string[]; gzipBytes: number; transferredBytes: number };
  /** Whatever the page must show before counting (e.g. the charts), and whether it did. */
  readyCheck: string | null;
};

type Visit = {
  route: string;
  url: string;
  user: string | null;
  /** A locator that must become visible: proves the lazy parts loaded and rendered. */
  ready?: string;
};

const CHUNK = /static\/chunks\/[\w.~-]+\.js/g;

async function visits(scratch: ScratchDb): Promise<Visit[]> {
  const [work] = await queryRows<{ task: string; case: string }>(
    scratch.db,
    sql`select t.id as task, t.case_id as case from tasks t
        join group_memberships m on m.group_id = t.candidate_group_id
        join users u on u.id = m.user_id
        where u.email = 'adjuster@example.com' and t.status in ('ready', 'claimed')
        order by t.created_at limit 1`,
  );
  if (!work) throw new Error('The demo seed has no open task for adjuster@example.com');
  const adjuster = 'adjuster@example.com';
  const admin = 'admin@example.com';
  return [
    { route: '/signin', url: '/signin', user: null },
    { route: '/', url: '/', user: adjuster },
    { route: '/inbox', url: '/inbox', user: adjuster },
    { route: '/tasks/[id]', url: `/tasks/${work.task}`, user: adjuster },
    { route: '/cases/[id]', url: `/cases/${work.case}`, user: adjuster },
    { route: '/profile', url: '/profile', user: adjuster },
    {
      route: '/team',
      url: '/team',
      user: 'supervisor@example.com',
      ready: 'svg.recharts-surface',
    },
    { route: '/admin', url: '/admin', user: admin },
    { route: '/admin/audit', url: '/admin/audit', user: admin },
    { route: '/admin/rules', url: '/admin/rules', user: admin },
    { route: '/admin/sla', url: '/admin/sla', user: admin },
    { route: '/admin/users', url: '/admin/users', user: admin },
    { route: '/_not-found', url: '/no-such-page', user: adjuster },
  ];
}

/** Cookie header ("a=1; b=2") → Playwright cookies for `baseUrl`. */
function toCookies(header: string, baseUrl: string) {
  return header.split('; ').map((pair) => {
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i), value: pair.slice(i + 1), url: baseUrl };
  });
}

async function measurePage(
  browser: Browser,
  baseUrl: string,
  visit: Visit,
  cookies: Map<string, string>,
  screenshotDir: string | null,
): Promise<BrowserRoute> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
  });
  try {
    if (visit.user) await context.addCookies(toCookies(cookies.get(visit.user)!, baseUrl));
    const page: Page = await context.newPage();
    const fetched = new Map<string, number>();
    const pending: Promise<void>[] = [];
    page.on('requestfinished', (req) => {
      if (req.resourceType() !== 'script') return;
      const chunk = new URL(req.url()).pathname.match(CHUNK)?.[0];
      if (!chunk) return;
      pending.push(
        req.sizes().then((s) => {
          fetched.set(chunk, s.responseBodySize);
        }),
      );
    });
    const res = await page.goto(visit.url, { waitUntil: 'load' });
    if (!res) throw new Error(`No response for ${visit.url}`);
    const html = await res.text();
    if (visit.ready) await page.locator(visit.ready).first().waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    if (screenshotDir) {
      const name = visit.route.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root';
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    }
    const named = new Set(html.match(CHUNK) ?? []);
    const part = (chunks: string[]) => ({
      chunks,
      gzipBytes: chunks.reduce((s, c) => s + gzipSize(path.resolve('.next'), c), 0),
      transferredBytes: chunks.reduce((s, c) => s + (fetched.get(c) ?? 0), 0),
    });
    const all = [...fetched.keys()];
    return {
      route: visit.route,
      url: visit.url,
      user: visit.user,
      firstLoad: part(all.filter((c) => named.has(c))),
      later: part(all.filter((c) => !named.has(c))),
      readyCheck: visit.ready ?? null,
    };
  } finally {
    await context.close();
  }
}

/**
 * Serves the build on the scratch database at `port` and measures every page; null when no
 * Chromium is installed (the manifest figures then stand alone, and the report says so).
 */
export async function measureInBrowser(
  scratch: ScratchDb,
  port: number,
  screenshotDir: string | null,
): Promise<BrowserRoute[] | null> {
  const found = await findChromium();
  if (!found) return null;
  const plan = await visits(scratch);
  const server = await startServer({ databaseUrl: scratch.url, port });
  let browser: Browser | null = null;
  try {
    const cookies = new Map<string, string>();
    for (const user of new Set(plan.map((v) => v.user)))
      if (user) cookies.set(user, await signIn(server.url, user));
    browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
    const out: BrowserRoute[] = [];
    for (const visit of plan) {
      out.push(await measurePage(browser, server.url, visit, cookies, screenshotDir));
      console.log(`  ${visit.route}: loaded`);
    }
    return out;
  } finally {
    await browser?.close();
    await server.stop();
  }
}
