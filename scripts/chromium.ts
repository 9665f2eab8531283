import fs from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const INSTALL_HINT =
  'Install a browser with "sudo apt-get install -y chromium" (Debian/Ubuntu) or "npx playwright install chromium", ' +
  'or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium binary.';

/** PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download; null when none exists. */
export async function findChromium(): Promise<{ path: string; source: string } | null> {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv))
      throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} does not exist`);
    return { path: fromEnv, source: 'PLAYWRIGHT_CHROMIUM_PATH' };
  }
  if (fs.existsSync('/usr/bin/chromium'))
    return { path: '/usr/bin/chromium', source: 'Debian chromium' };
  try {
    const { chromium } = await import('playwright-core');
    const p = chromium.executablePath();
    if (p && fs.existsSync(p)) return { path: p, source: 'Playwright download' };
  } catch {
    /* playwright-core not resolvable */
  }
  return null;
}
