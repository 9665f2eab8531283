import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client';
import { emailOutbox, notifications } from '../../db/schema';
import { getEnv, publicUrl } from '../env';
import { errorFields, log } from '../log';

/** Longer than a batch can take: BATCH × SEND_TIMEOUT_MS < LEASE_MS. */
const LEASE_MS = 10 * 60_000;
const SEND_TIMEOUT_MS = 20_000;
const MAX_ATTEMPTS = 8;

let cachedTransport: Transporter | null | undefined;
/** SMTP from SMTP_URL; null without it (e-mails then wait, visible, in the outbox). */
export function smtpTransport(): Transporter | null {
  if (cachedTransport === undefined) {
    const url = getEnv().SMTP_URL;
    cachedTransport = url
      ? nodemailer.createTransport(url, {
          connectionTimeout: SEND_TIMEOUT_MS / 2,
          greetingTimeout: SEND_TIMEOUT_MS / 2,
          socketTimeout: SEND_TIMEOUT_MS,
        })
      : null;
  }
  return cachedTransport;
}

/** What e-mails queued before links were added at sending carry at their end. */
const QUEUED_LINK = /\n\nOpen in Handoff: (\/\S*)$/;

/**
 * The text of a notification e-mail: its body and an absolute link to the task, since a mail
 * client has no page to resolve "/tasks/…" against. `baseUrl` is the installation's public URL
 * (HANDOFF_PUBLIC_URL, else NEXTAUTH_URL, else http://localhost:$PORT).
 */
export function emailText(body: string, link: string | null, baseUrl: string): string {
  const queued = QUEUED_LINK.exec(body);
  const path = link ?? queued?.[1] ?? null;
  const text = queued ? body.slice(0, queued.index) : body;
  if (!path) return text;
  return `${text}\n\nOpen in Handoff: ${/^https?:\/\//.test(path) ? path : `${baseUrl}${path}`}`;
}

/** The in-app links of the notifications the leased e-mails belong to. */
async function linksOf(db: Db, rows: { notificationId: string | null }[]) {
  const ids = [...new Set(rows.map((r) => r.notificationId).filter((x): x is string => !!x))];
  if (!ids.length) return new Map<string, string | null>();
  const found = await db
    .select({ id: notifications.id, link: notifications.link })
    .from(notifications)
    .where(inArray(notifications.id, ids));
  return new Map(found.map((n) => [n.id, n.link]));
}

/**
 * Sends due e-mails from the outbox. A row is leased (claimed with SKIP LOCKED and pushed
 * LEASE_MS ahead) before sending, then marked sent. A process killed between sending and
 * marking resends after the lease: delivery is at least once, and every message carries a
 * stable Message-ID derived from its de-duplication key so mail systems can drop the copy.
 */
export async function deliverEmails(
  db: Db,
  now: Date,
  transport: Transporter | null = smtpTransport(),
  batchSize = 20,
): Promise<number> {
  if (!transport) return 0;
  const leased = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const lease = new Date(now.getTime() + LEASE_MS);
    for (const r of rows) {
      await tx
        .update(emailOutbox)
        .set({ attempts: r.attempts + 1, nextAttemptAt: lease, lockedUntil: lease })
        .where(eq(emailOutbox.id, r.id));
    }
    return rows.map((r) => ({ ...r, lockedUntil: lease }));
  });
  let sent = 0;
  const links = await linksOf(db, leased);
  const baseUrl = publicUrl();
  for (const r of leased) {
    try {
      await transport.sendMail({
        from: getEnv().MAIL_FROM,
        to: r.toAddress,
        subject: r.subject,
        text: emailText(r.body, (r.notificationId && links.get(r.notificationId)) || null, baseUrl),
        messageId: `<${createHash('sha256').update(r.dedupeKey).digest('hex').slice(0, 32)}@handoff>`,
      });
      // Only while our lease holds: a copy that re-leased the row after a timeout owns it now.
      await db
        .update(emailOutbox)
        .set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null })
        .where(and(eq(emailOutbox.id, r.id), eq(emailOutbox.lockedUntil, r.lockedUntil)));
      sent++;
    } catch (e) {
      const attempts = r.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      log.warn('e-mail delivery failed', { to: r.toAddress, attempts, ...errorFields(e) });
      await db
        .update(emailOutbox)
        .set({
          status: failed ? 'failed' : 'pending',
          lastError: (e instanceof Error ? e.message : String(e)).slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + Math.min(60_000 * 2 ** attempts, 6 * 3_600_000)),
          lockedUntil: null,
        })
        .where(and(eq(emailOutbox.id, r.id), eq(emailOutbox.lockedUntil, r.lockedUntil)));
    }
  }
  return sent;
}
