import { and, eq, inArray } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { resetEnvCache } from '../../lib/env';
import type { TokenActor } from '../../lib/domain/permissions';
import { deliverEmails, emailText } from '../../lib/use-cases/deliver-emails';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { openCase } from '../../lib/use-cases/open-case';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * E-mail through a real SMTP server (smtp-server, on a loopback port) and the real transport
 * Handoff builds from SMTP_URL: what arrives is what a mail client would show.
 */
const PUBLIC_URL = 'https://handoff.example.test';

type Received = { to: string; subject: string; messageId: string; text: string; raw: string };
const inbox: Received[] = [];
/** MAIL FROM commands to refuse with "421" before accepting again (a busy or restarting server). */
let refuseNext = 0;
let server: SMTPServer;
let t: TestDb;
let token: TokenActor;
const user = new Map<string, string>();
let seq = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        return callback(
          Object.assign(new Error('Service busy, try again later'), { responseCode: 421 }),
        );
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push(parseMessage(Buffer.concat(chunks).toString('utf8')));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.HANDOFF_PUBLIC_URL = PUBLIC_URL;
  resetEnvCache();

  t = await createTestDb();
  await seedDemo(t.db, { now: new Date('2026-09-01T15:00:00Z') });
  await escalateDueTasks(t.db, new Date('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  await sendDueReminders(t.db, new Date('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  const [tok] = await t.db.select().from(s.apiTokens);
  token = { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
  for (const u of await t.db.select().from(s.users)) user.set(u.email, u.id);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  delete process.env.SMTP_URL;
  delete process.env.HANDOFF_PUBLIC_URL;
  resetEnvCache();
});
beforeEach(() => {
  refuseNext = 0;
});

/** Headers (unfolded, lower-case names, RFC 2047 words decoded) and the decoded text body. */
function parseMessage(raw: string): Received {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  let text = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') text = decodeQuotedPrintable(text);
  if (encoding === 'base64') text = Buffer.from(text, 'base64').toString('utf8');
  return {
    to: headers.get('to') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
    raw,
  };
}
function decodeQuotedPrintable(s: string): string {
  const bytes = s
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

/** Opens a claim for Claims adjusters (unassigned, so the whole group is reminded). */
async function openTaskAt(at: Date) {
  const res = await openCase(
    t.db,
    token,
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: `Mail ${++seq}`, email: 'm@example.com' },
        incidentDate: at.toISOString().slice(0, 10),
        damageEstimate: 12000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
    `mail-${seq}-${Math.random()}`,
    at,
  );
  const [task] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, res.case.tasks[0]!.id));
  return task!;
}

async function outboxOf(taskId: string, kind: 'reminder' | 'escalation') {
  const ns = await t.db
    .select({ id: s.notifications.id })
    .from(s.notifications)
    .where(and(eq(s.notifications.taskId, taskId), eq(s.notifications.kind, kind)));
  return t.db
    .select()
    .from(s.emailOutbox)
    .where(
      inArray(
        s.emailOutbox.notificationId,
        ns.map((n) => n.id),
      ),
    );
}

const linkTo = (taskId: string) => `Open in Handoff: ${PUBLIC_URL}/tasks/${taskId}`;
const mailsFor = (taskId: string) => inbox.filter((m) => m.text.includes(`/tasks/${taskId}`));

describe('e-mail through a real SMTP server', () => {
  it('without SMTP nothing is sent; with it every queued e-mail arrives once, and one the server refused (421) is retried later', async () => {
    const pending = await t.db
      .select()
      .from(s.emailOutbox)
      .where(eq(s.emailOutbox.status, 'pending'));
    expect(pending.length).toBeGreaterThan(1);
    expect(await deliverEmails(t.db, new Date('2027-04-01T12:00:00Z'), null)).toBe(0);
    expect(inbox).toHaveLength(0);

    const now = new Date('2027-04-01T12:00:00Z');
    refuseNext = 1;
    let sent = 0;
    for (let i = 0; i < 50; i++) {
      const n = await deliverEmails(t.db, now);
      sent += n;
      if (n === 0) break;
    }
    expect(sent).toBe(pending.length - 1);
    const [refused, ...others] = await t.db
      .select()
      .from(s.emailOutbox)
      .where(eq(s.emailOutbox.status, 'pending'));
    expect(others).toHaveLength(0);
    expect(refused!.lastError).toMatch(/421/);
    expect(refused!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    // Not again before its backoff has passed; then it goes through.
    expect(await deliverEmails(t.db, now)).toBe(0);
    expect(await deliverEmails(t.db, new Date(now.getTime() + 60 * 60_000))).toBe(1);

    expect(inbox).toHaveLength(pending.length);
    expect(new Set(inbox.map((m) => m.messageId)).size).toBe(inbox.length);
    expect(inbox.map((m) => m.to).sort()).toEqual(pending.map((p) => p.toAddress).sort());
    const left = await t.db.select().from(s.emailOutbox).where(eq(s.emailOutbox.status, 'pending'));
    expect(left).toHaveLength(0);
  });

  it('a reminder e-mail reaches each group member with an absolute link to the task', async () => {
    const task = await openTaskAt(new Date('2027-04-05T14:00:00Z'));
    await sendDueReminders(t.db, task.remindAt!);
    expect(await deliverEmails(t.db, task.remindAt!)).toBe(2);
    const mails = mailsFor(task.id);
    expect(mails.map((m) => m.to).sort()).toEqual([
      'adjuster2@example.com',
      'adjuster@example.com',
    ]);
    for (const m of mails) {
      expect(m.subject).toMatch(/due/i);
      expect(m.text.split('\n').at(-1)).toBe(linkTo(task.id));
      expect(m.text).not.toMatch(/: \/tasks\//);
    }
    // The in-app notification keeps its in-app path.
    const [n] = await t.db
      .select({ link: s.notifications.link })
      .from(s.notifications)
      .where(eq(s.notifications.taskId, task.id));
    expect(n!.link).toBe(`/tasks/${task.id}`);
  });

  it('an escalation e-mail reaches the supervisor with an absolute link to the task', async () => {
    const task = await openTaskAt(new Date('2027-04-12T14:00:00Z'));
    await escalateDueTasks(t.db, task.dueAt!);
    expect(await outboxOf(task.id, 'escalation')).toHaveLength(1);
    // (The sweep also escalates the tasks earlier tests left open; their e-mails go too.)
    expect(await deliverEmails(t.db, task.dueAt!)).toBeGreaterThanOrEqual(1);
    expect(mailsFor(task.id)).toHaveLength(1);
    const [m] = mailsFor(task.id);
    expect(m!.to).toBe('supervisor@example.com');
    expect(m!.subject).toMatch(/escalat|overdue/i);
    expect(m!.text.split('\n').at(-1)).toBe(linkTo(task.id));
  });

  it('a copy resent after a crash between sending and recording carries the same Message-ID', async () => {
    const task = await openTaskAt(new Date('2027-04-19T14:00:00Z'));
    await escalateDueTasks(t.db, task.dueAt!);
    const sentAt = task.dueAt!;
    expect(await deliverEmails(t.db, sentAt)).toBeGreaterThanOrEqual(1);
    expect(mailsFor(task.id)).toHaveLength(1);
    // What a process killed right after the SMTP server accepted the message leaves behind:
    // the row still pending under the lease it took (LEASE_MS = 10 minutes).
    const [row] = await outboxOf(task.id, 'escalation');
    const lease = new Date(sentAt.getTime() + 10 * 60_000);
    await t.db
      .update(s.emailOutbox)
      .set({ status: 'pending', sentAt: null, nextAttemptAt: lease, lockedUntil: lease })
      .where(eq(s.emailOutbox.id, row!.id));
    expect(await deliverEmails(t.db, new Date(sentAt.getTime() + 5 * 60_000))).toBe(0);
    expect(await deliverEmails(t.db, lease)).toBe(1);
    const copies = mailsFor(task.id);
    expect(copies).toHaveLength(2);
    expect(copies[0]!.messageId).toMatch(/^<[0-9a-f]{32}@handoff>$/);
    expect(copies[1]!.messageId).toBe(copies[0]!.messageId);
    expect(copies[1]!.text).toBe(copies[0]!.text);
  });
});

describe('emailText', () => {
  it('makes the link absolute, also for e-mails queued with the in-app path in their text', () => {
    expect(emailText('Due soon.', '/tasks/1', 'https://h.example')).toBe(
      'Due soon.\n\nOpen in Handoff: https://h.example/tasks/1',
    );
    expect(emailText('Due soon.\n\nOpen in Handoff: /tasks/1', null, 'https://h.example')).toBe(
      'Due soon.\n\nOpen in Handoff: https://h.example/tasks/1',
    );
    expect(emailText('No task.', null, 'https://h.example')).toBe('No task.');
  });
});
