/**
 * A same-origin path to go to after sign-in, or /inbox. Rejects everything a browser could
 * read as another origin: "//host", "/\host", control characters, absolute URLs elsewhere.
 */
export function safeCallbackPath(
  raw: string | null | undefined,
  origin = 'http://handoff.local',
): string {
  if (!raw) return '/inbox';
  if (/[\u0000-\u001f\\]/.test(raw)) return '/inbox';
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return '/inbox';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  const sameOrigin =
    url.origin === new URL(origin).origin ||
    (/^https?:\/\//i.test(raw) && url.host === new URL(origin).host);
  if (!sameOrigin || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/signin'))
    return '/inbox';
  return path;
}
