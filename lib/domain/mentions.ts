/**
 * @mentions in comments. A mention picked from the list travels as a user id beside the text
 * (the text keeps a readable "@Bea Brooks"), so renaming someone or two people sharing a first
 * name never changes who a comment notified. Typed handles ("@bea", "@adjuster2", the only form
 * before the list existed) are still honoured when they name exactly one person who can be
 * mentioned; any other handle is reported back as not notified instead of vanishing silently.
 */

export type MentionablePerson = { id: string; name: string; email: string };
export type UnresolvedMention = { handle: string; problem: string };
export type MentionResolution = { userIds: string[]; unresolved: UnresolvedMention[] };

/** At most this many people are notified from one comment, and this many handles read. */
export const MAX_MENTIONS = 20;

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const localPart = (email: string) => fold(email.split('@')[0] ?? '');
const words = (name: string) =>
  fold(name)
    .split(/[\s\-'’.]+/)
    .filter(Boolean);

/**
 * The people whose display name or e-mail contains `query` (accents and case ignored), best
 * first: name starts with it, then a word of the name does, then the e-mail, then anywhere.
 */
export function matchMentionable<P extends MentionablePerson>(
  people: readonly P[],
  query: string,
  limit = 8,
): P[] {
  const q = fold(query.trim());
  const rank = (p: P): number => {
    const name = fold(p.name);
    const email = fold(p.email);
    if (!q || name.startsWith(q)) return 0;
    if (words(p.name).some((w) => w.startsWith(q))) return 1;
    if (email.startsWith(q)) return 2;
    if (name.includes(q) || email.includes(q)) return 3;
    return -1;
  };
  return people
    .map((p) => ({ p, r: rank(p) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.p.name.localeCompare(b.p.name, 'en'))
    .slice(0, limit)
    .map((x) => x.p);
}

/** The text a picked mention puts in the comment. */
export const mentionText = (p: { name: string }) => `@${p.name}`;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The `@handle`s typed in the text, outside the "@Name" of picked mentions, lower case. */
export function typedHandles(body: string, picked: readonly { name: string }[] = []): string[] {
  let rest = body;
  // Longest first, so "@Bea Brooks" is taken out before a picked "@Bea" could split it.
  for (const p of [...picked].sort((a, b) => b.name.length - a.name.length)) {
    rest = rest.replace(new RegExp(escapeRegExp(mentionText(p)), 'giu'), ' ');
  }
  const found = [...rest.matchAll(/(?<![\p{L}\p{N}_@.])@([\p{L}\p{N}._-]+)/gu)].map((m) =>
    fold(m[1]!.replace(/[._-]+$/, '')),
  );
  return [...new Set(found.filter(Boolean))].slice(0, MAX_MENTIONS);
}

/**
 * Whom a typed handle names among `people`: the one whose e-mail starts with "handle@", else
 * the one with a name word equal to it, else the one with a name word starting with it. More
 * than one at the first level that matches is ambiguous; nobody is not notified.
 */
export function resolveHandle(
  handle: string,
  people: readonly MentionablePerson[],
): { person: MentionablePerson } | { problem: string } {
  const h = fold(handle);
  const levels = [
    people.filter((p) => localPart(p.email) === h),
    people.filter((p) => words(p.name).includes(h)),
    people.filter((p) => words(p.name).some((w) => w.startsWith(h))),
  ];
  for (const level of levels) {
    if (level.length === 1) return { person: level[0]! };
    if (level.length > 1) {
      const names = level
        .slice(0, 3)
        .map((p) => p.name)
        .join(', ');
      return {
        problem: `matches ${level.length} people (${names}${level.length > 3 ? ', …' : ''}); pick one from the list`,
      };
    }
  }
  return { problem: 'matches no one who can be mentioned on this task' };
}

/**
 * Everyone a comment notifies: the picked people (already checked to be mentionable), then
 * each typed handle that names exactly one mentionable person; the other handles, with why.
 */
export function resolveMentions(
  body: string,
  picked: readonly MentionablePerson[],
  people: readonly MentionablePerson[],
): MentionResolution {
  const userIds = picked.map((p) => p.id);
  const unresolved: UnresolvedMention[] = [];
  for (const handle of typedHandles(body, picked)) {
    const r = resolveHandle(handle, people);
    if ('person' in r) userIds.push(r.person.id);
    else unresolved.push({ handle, problem: r.problem });
  }
  return { userIds: [...new Set(userIds)].slice(0, MAX_MENTIONS), unresolved };
}

/**
 * The comment text cut into plain text and the "@Name" of each person it notified, so a
 * screen can set mentions apart; handles of old comments ("@bea") stay plain text.
 */
export function splitMentions(
  body: string,
  mentioned: readonly { id: string; name: string }[],
): ({ text: string } | { text: string; userId: string })[] {
  const byText = new Map(mentioned.map((p) => [fold(mentionText(p)), p.id]));
  if (!byText.size) return [{ text: body }];
  const pattern = new RegExp(
    [...mentioned]
      .sort((a, b) => b.name.length - a.name.length)
      .map((p) => escapeRegExp(mentionText(p)))
      .join('|'),
    'giu',
  );
  const parts: ({ text: string } | { text: string; userId: string })[] = [];
  let at = 0;
  for (const m of body.matchAll(pattern)) {
    if (m.index > at) parts.push({ text: body.slice(at, m.index) });
    parts.push({ text: m[0], userId: byText.get(fold(m[0]))! });
    at = m.index + m[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

/**
 * The "@…" being typed just before the caret, if any: from an "@" at the start or after a
 * space, at most one more space (first and last name), no line break. Null when not mentioning.
 */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(?:^|[\s(])@([^\s@]{0,40}(?: [^\s@]{0,40})?)$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[1]!.length - 1, query: m[1]! };
}
