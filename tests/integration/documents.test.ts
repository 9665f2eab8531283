import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import * as s from '../../db/schema';
import * as caseDocuments from '../../app/api/cases/[id]/documents/route';
import * as download from '../../app/api/documents/[id]/route';
import * as v1Documents from '../../app/api/v1/cases/[id]/documents/route';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { CHUNK_BYTES, fileSystemStorage } from '../../lib/documents/storage';
import { MAX_CONCURRENT_UPLOADS } from '../../lib/http/multipart';
import { resetEnvCache } from '../../lib/env';
import { createApiToken } from '../../lib/use-cases/create-api-token';
import { downloadDocument } from '../../lib/use-cases/download-document';
import { uploadDocuments } from '../../lib/use-cases/upload-documents';
import { proxy } from '../../proxy';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { sessionCookie } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

/**
 * Documents on a case (issue 17, item 3) through the real route handlers: uploads are checked by
 * their bytes and size, stored in chunks (or files), downloaded byte for byte with safe headers,
 * audited, and visible to exactly the people who can see the case.
 */
let t: TestDb;
const cookies = new Map<string, string>();
let caseId: string;
let taskId: string;
let otherCaseTaskId: string;
let writeToken: string;
let readToken: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-documents-'));

/** A 1×1 PNG and a minimal PDF, as a person's phone and an estimating tool would send them. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAX+XDSwAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  t = await createTestDb();
  useDatabaseForTests(t);
  await seedDemo(t.db, { now: new Date() });
  for (const u of await t.db.select().from(s.users)) cookies.set(u.email, await sessionCookie(u));
  // A case of the claims adjusters that the special investigator has nothing to do with.
  const [c] = await queryRows<{ id: string; task_id: string }>(
    t.db,
    sql`select c.id, (select k.id from tasks k where k.case_id = c.id order by k.created_at limit 1) as task_id
          from cases c
         where exists (select 1 from tasks k join groups g on g.id = k.candidate_group_id
                        where k.case_id = c.id and g.key = 'claims-adjusters')
           and not exists (select 1 from tasks k join groups g on g.id = k.candidate_group_id
                            where k.case_id = c.id and g.key = 'special-investigations')
           and not exists (select 1 from tasks k join users u on u.id = k.assignee_id
                            where k.case_id = c.id and u.email = 'siu@example.com')
         order by c.reference limit 1`,
  );
  caseId = c!.id;
  taskId = c!.task_id;
  const [other] = await queryRows<{ id: string }>(
    t.db,
    sql`select id from tasks where case_id <> ${caseId} limit 1`,
  );
  otherCaseTaskId = other!.id;
  const [admin] = await t.db
    .select()
    .from(s.users)
    .where(sql`email = 'admin@example.com'`);
  const adminActor = (await loadUserActor(t.db, admin!.id))!;
  writeToken = (await createApiToken(t.db, adminActor, { name: 'intake', scopes: ['cases:write'] }))
    .plaintext;
  readToken = (await createApiToken(t.db, adminActor, { name: 'reader', scopes: ['cases:read'] }))
    .plaintext;
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Part = { name?: string; bytes: Buffer | string; type?: string };

function form(files: Part[], fields: Record<string, string> = {}) {
  const f = new FormData();
  for (const p of files)
    f.append(
      'file',
      new Blob([typeof p.bytes === 'string' ? p.bytes : new Uint8Array(p.bytes)], {
        type: p.type ?? 'application/octet-stream',
      }),
      p.name ?? 'f',
    );
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

function req(
  method: string,
  url: string,
  opts: { email?: string; bearer?: string; body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.email) headers.cookie = cookies.get(opts.email)!;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  return new NextRequest(`http://localhost:3000${url}`, {
    method,
    headers,
    body: opts.body,
    ...(opts.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
}

async function body(res: Response) {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

async function upload(email: string, files: Part[], fields?: Record<string, string>, id = caseId) {
  const res = await caseDocuments.POST(
    req('POST', `/api/cases/${id}/documents`, { email, body: form(files, fields) }),
    { params: Promise.resolve({ id }) },
  );
  return { status: res.status, body: await body(res) };
}

async function list(email: string, id = caseId) {
  const res = await caseDocuments.GET(req('GET', `/api/cases/${id}/documents`, { email }), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, body: await body(res) };
}

async function get(email: string, id: string, inline = false) {
  return download.GET(req('GET', `/api/documents/${id}${inline ? '?inline=1' : ''}`, { email }), {
    params: Promise.resolve({ id }),
  });
}

const auditCount = async (action: string, entityId: string) =>
  Number(
    (
      await queryRows<{ n: number | string }>(
        t.db,
        sql`select count(*) as n from audit_events where action = ${action} and entity_id = ${entityId} and case_id = ${caseId}`,
      )
    )[0]!.n,
  );

const documentCount = async () =>
  Number(
    (await queryRows<{ n: number | string }>(t.db, sql`select count(*) as n from documents`))[0]!.n,
  );

describe(`documents on a case on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  let pngId: string;
  let pdfId: string;

  it('takes a photo and a PDF from an adjuster of the case, from its task page', async () => {
    const r = await upload(
      'adjuster@example.com',
      [
        { name: 'Front bumper.png', bytes: PNG, type: 'image/png' },
        { name: 'Estimate.pdf', bytes: PDF, type: 'application/pdf' },
      ],
      { taskId },
    );
    expect(r.status).toBe(201);
    expect(r.body.documents.map((d: { contentType: string }) => d.contentType)).toEqual([
      'image/png',
      'application/pdf',
    ]);
    pngId = r.body.documents[0].id;
    pdfId = r.body.documents[1].id;
    expect(r.body.documents[0]).toMatchObject({
      fileName: 'Front bumper.png',
      sizeBytes: PNG.length,
      taskId,
      previewable: 'image',
      uploadedBy: 'Alex Adjuster',
    });
    expect(await auditCount('document.uploaded', pngId)).toBe(1);
    const [ev] = await queryRows<{ task_id: string }>(
      t.db,
      sql`select task_id from audit_events where action = 'document.uploaded' and entity_id = ${pdfId}`,
    );
    expect(ev!.task_id).toBe(taskId);
  });

  it('lists them newest first for the people who see the case', async () => {
    for (const email of ['adjuster@example.com', 'supervisor@example.com', 'admin@example.com']) {
      const r = await list(email);
      expect(r.status, email).toBe(200);
      const names = r.body.documents.map((d: { fileName: string }) => d.fileName);
      expect(names).toEqual(expect.arrayContaining(['Front bumper.png', 'Estimate.pdf']));
    }
  });

  it('gives back the same bytes with safe headers, and audits each download', async () => {
    const res = await get('supervisor@example.com', pngId);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Front bumper.png"; filename*=UTF-8''Front%20bumper.png`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await auditCount('document.downloaded', pngId)).toBe(1);

    const inline = await get('adjuster@example.com', pdfId, true);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await inline.arrayBuffer()).equals(PDF)).toBe(true);
    expect(await auditCount('document.downloaded', pdfId)).toBe(1);
  });

  it('sandboxes served files in the policy the proxy sets (it wins over the route’s)', async () => {
    const policy = async (url: string) =>
      (await proxy(new NextRequest(`http://localhost:3000${url}`))).headers.get(
        'content-security-policy',
      );
    expect(await policy(`/api/documents/${pngId}`)).toBe(
      "sandbox; default-src 'none'; frame-ancestors 'none'",
    );
    // Chromium's PDF viewer does not run sandboxed; a preview still loads nothing else.
    expect(await policy(`/api/documents/${pdfId}?inline=1`)).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it('hides the case from a person of another group: 404 to list, upload and download', async () => {
    const before = await documentCount();
    expect((await list('siu@example.com')).status).toBe(404);
    const up = await upload('siu@example.com', [{ name: 'x.png', bytes: PNG }]);
    expect(up.status).toBe(404);
    expect(up.body.error.code).toBe('not_found');
    const res = await get('siu@example.com', pngId);
    expect(res.status).toBe(404);
    expect((await body(res)).error.message).toBe('Document was not found.');
    // The same answer as for a document that does not exist, so ids cannot be probed.
    const missing = await get('siu@example.com', '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.message).toBe('Document was not found.');
    expect((await get('siu@example.com', 'not-a-uuid')).status).toBe(404);
    expect(await documentCount()).toBe(before);
    expect(await auditCount('document.downloaded', pngId)).toBe(1);
    const refusals = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from audit_events where action = 'auth.refused' and case_id = ${caseId} and actor_label = 'siu@example.com'`,
    );
    expect(Number(refusals[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it('lets a supervisor and an admin add documents too, and refuses the signed-out', async () => {
    expect((await upload('supervisor@example.com', [{ name: 's.png', bytes: PNG }])).status).toBe(
      201,
    );
    expect((await upload('admin@example.com', [{ name: 'a.pdf', bytes: PDF }])).status).toBe(201);
    const anon = await caseDocuments.POST(
      req('POST', `/api/cases/${caseId}/documents`, { body: form([{ bytes: PNG }]) }),
      { params: Promise.resolve({ id: caseId }) },
    );
    expect(anon.status).toBe(401);
    expect((await get('', pngId)).status).toBe(401);
  });

  it('refuses a cross-origin upload made with the session cookie', async () => {
    const res = await caseDocuments.POST(
      req('POST', `/api/cases/${caseId}/documents`, {
        email: 'adjuster@example.com',
        body: form([{ name: 'x.png', bytes: PNG }]),
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      }),
      { params: Promise.resolve({ id: caseId }) },
    );
    expect(res.status).toBe(403);
  });

  it('refuses content that is not an allowed type whatever its name, naming the field', async () => {
    const before = await documentCount();
    const r = await upload('adjuster@example.com', [
      { name: 'ok.png', bytes: PNG },
      { name: 'photo.png', bytes: '<script>alert(1)</script>', type: 'image/png' },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.error.fields.file).toMatch(/"photo.png" is not an allowed type/);
    // All or nothing: the good file of the same request is not stored either.
    expect(await documentCount()).toBe(before);
    const empty = await upload('adjuster@example.com', [{ name: 'empty.pdf', bytes: '' }]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.file).toMatch(/is empty/);
    const none = await upload('adjuster@example.com', []);
    expect(none.status).toBe(400);
    expect(none.body.error.fields.file).toBeDefined();
    const foreignTask = await upload('adjuster@example.com', [{ bytes: PNG }], {
      taskId: otherCaseTaskId,
    });
    expect(foreignTask.status).toBe(400);
    expect(foreignTask.body.error.fields.taskId).toBe('is not a task of this case');
    const badTask = await upload('adjuster@example.com', [{ bytes: PNG }], { taskId: 'x\u0000' });
    expect(badTask.body.error.fields.taskId).toBeDefined();
  });

  it('cleans file names: NUL, control characters, paths', async () => {
    const r = await upload('adjuster@example.com', [
      { name: '../../secret\u0000\u0007name.png', bytes: PNG },
    ]);
    expect(r.status).toBe(201);
    expect(r.body.documents[0].fileName).toBe('secretname.png');
  });

  it('refuses a body that is not multipart with 415', async () => {
    const res = await caseDocuments.POST(
      req('POST', `/api/cases/${caseId}/documents`, {
        email: 'adjuster@example.com',
        body: JSON.stringify({ file: 'x' }),
        headers: { 'content-type': 'application/json' },
      }),
      { params: Promise.resolve({ id: caseId }) },
    );
    expect(res.status).toBe(415);
    expect((await body(res)).error.fields['content-type']).toBeDefined();
  });

  it('refuses files over HANDOFF_MAX_DOCUMENT_BYTES with 413, by length or by counting', async () => {
    process.env.HANDOFF_MAX_DOCUMENT_BYTES = '4096';
    resetEnvCache();
    try {
      const big = Buffer.concat([PNG, Buffer.alloc(5000)]);
      const r = await upload('adjuster@example.com', [{ name: 'big.png', bytes: big }]);
      expect(r.status).toBe(413);
      expect(r.body.error.fields.file).toMatch(/at most 4096 bytes/);
      // A declared length over the limit is refused before the body is read.
      const declared = await caseDocuments.POST(
        req('POST', `/api/cases/${caseId}/documents`, {
          email: 'adjuster@example.com',
          body: 'x',
          headers: {
            'content-type': 'multipart/form-data; boundary=b',
            'content-length': String(10 * 1024 * 1024),
          },
        }),
        { params: Promise.resolve({ id: caseId }) },
      );
      expect(declared.status).toBe(413);
      // A stream without a length that never ends is cut off once it passes the limit.
      let sent = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(c) {
          sent += 65536;
          c.enqueue(new Uint8Array(65536));
        },
      });
      const streamed = await caseDocuments.POST(
        req('POST', `/api/cases/${caseId}/documents`, {
          email: 'adjuster@example.com',
          body: endless,
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
        }),
        { params: Promise.resolve({ id: caseId }) },
      );
      expect(streamed.status).toBe(413);
      expect(sent).toBeLessThan(1024 * 1024);
    } finally {
      delete process.env.HANDOFF_MAX_DOCUMENT_BYTES;
      resetEnvCache();
    }
  });

  it('stores a large file in several chunks and streams it back intact', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(CHUNK_BYTES * 2 + 123, 7)]);
    const r = await upload('adjuster@example.com', [{ name: 'report.pdf', bytes: big }]);
    expect(r.status).toBe(201);
    const id = r.body.documents[0].id;
    const chunks = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from document_chunks where document_id = ${id}`,
    );
    expect(Number(chunks[0]!.n)).toBe(3);
    const res = await get('adjuster@example.com', id);
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
  });

  it('keeps files in a directory with the filesystem storage', async () => {
    const storage = fileSystemStorage(tmp);
    const [admin] = await t.db
      .select()
      .from(s.users)
      .where(sql`email = 'admin@example.com'`);
    const actor = (await loadUserActor(t.db, admin!.id))!;
    const [doc] = await uploadDocuments(
      t.db,
      actor,
      { caseId, files: [{ name: 'disk.png', bytes: PNG }] },
      new Date(),
      storage,
    );
    const [row] = await t.db
      .select()
      .from(s.documents)
      .where(sql`id = ${doc!.id}`);
    expect(row!.storage).toBe('filesystem');
    expect(fs.readFileSync(path.join(tmp, row!.storageKey!)).equals(PNG)).toBe(true);
    const got = await downloadDocument(
      t.db,
      actor,
      { documentId: doc!.id, inline: false },
      new Date(),
    );
    // storageOf() reads from HANDOFF_DOCUMENT_DIR; read this one through the storage itself.
    expect(got.doc.storageKey).toBe(row!.storageKey);
    const bytes = Buffer.from(await new Response(storage.read(t.db, row!)).arrayBuffer());
    expect(bytes.equals(PNG)).toBe(true);
  });

  it('audits every download, but an inline view once per person, document and UTC day', async () => {
    const r = await upload('adjuster@example.com', [{ name: 'Thumb.png', bytes: PNG }]);
    expect(r.status).toBe(201);
    const id: string = r.body.documents[0].id;
    const events = async (email: string, inline: boolean) =>
      Number(
        (
          await queryRows<{ n: number | string }>(
            t.db,
            sql`select count(*) as n from audit_events
                 where action = 'document.downloaded' and entity_id = ${id}
                   and actor_label = ${email} and metadata->>'inline' = ${String(inline)}`,
          )
        )[0]!.n,
      );
    // The case page shows the thumbnail again and again (and several at once): one event.
    for (const res of [
      await get('adjuster@example.com', id, true),
      await get('adjuster@example.com', id, true),
      ...(await Promise.all([1, 2, 3].map(() => get('adjuster@example.com', id, true)))),
    ]) {
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
    expect(await events('adjuster@example.com', true)).toBe(1);
    // A real download is audited each time.
    await get('adjuster@example.com', id);
    await get('adjuster@example.com', id);
    expect(await events('adjuster@example.com', false)).toBe(2);
    // Another person's view is theirs to account for.
    await get('supervisor@example.com', id, true);
    await get('supervisor@example.com', id, true);
    expect(await events('supervisor@example.com', true)).toBe(1);
    expect(await events('adjuster@example.com', true)).toBe(1);
    // Many at once (a page of thumbnails, several tabs) still write one event.
    const views = await Promise.all(
      Array.from({ length: 12 }, () => get('admin@example.com', id, true)),
    );
    expect(views.map((v) => v.status)).toEqual(Array(12).fill(200));
    expect(await events('admin@example.com', true)).toBe(1);
    // The next UTC day the same person's view is recorded again.
    const [adjuster] = await t.db
      .select()
      .from(s.users)
      .where(sql`email = 'adjuster@example.com'`);
    const actor = (await loadUserActor(t.db, adjuster!.id))!;
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    for (let i = 0; i < 2; i++)
      await downloadDocument(t.db, actor, { documentId: id, inline: true }, tomorrow);
    expect(await events('adjuster@example.com', true)).toBe(2);
  });

  it('reads at most MAX_CONCURRENT_UPLOADS uploads at once; one more gets 503 with Retry-After', async () => {
    const send = async (stream: ReadableStream<Uint8Array>, contentType: string) =>
      caseDocuments.POST(
        req('POST', `/api/cases/${caseId}/documents`, {
          email: 'adjuster@example.com',
          body: stream,
          headers: { 'content-type': contentType },
        }),
        { params: Promise.resolve({ id: caseId }) },
      );
    const encoded = new Response(form([{ name: 'slow.png', bytes: PNG }]));
    const contentType = encoded.headers.get('content-type')!;
    const whole = new Uint8Array(await encoded.arrayBuffer());
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Slow clients: half the body, then nothing until released.
    const held = Array.from({ length: MAX_CONCURRENT_UPLOADS }, () => {
      let reading!: () => void;
      const started = new Promise<void>((resolve) => (reading = resolve));
      let pulls = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(c) {
            pulls++;
            if (pulls === 1) return c.enqueue(whole.slice(0, 100));
            reading(); // the server has taken the first half and waits for more
            await released;
            c.enqueue(whole.slice(100));
            c.close();
          },
        },
        { highWaterMark: 0 },
      );
      const res = send(stream, contentType);
      return { started, res };
    });
    await Promise.all(
      held.map(({ started, res }) =>
        Promise.race([
          started,
          res.then((r) => {
            throw new Error(`a held upload finished early with ${r.status}`);
          }),
        ]),
      ),
    );
    const before = await documentCount();
    const refused = await send(new Response(whole).body!, contentType);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await body(refused)).error.message).toMatch(/busy with other uploads; try again/);
    expect(await documentCount()).toBe(before);

    release();
    for (const { res } of held) expect((await res).status).toBe(201);
    expect(await documentCount()).toBe(before + MAX_CONCURRENT_UPLOADS);
    // The slots are free again once those are read.
    const again = await send(new Response(whole).body!, contentType);
    expect(again.status).toBe(201);
  });

  describe('the intake API', () => {
    async function v1(bearer: string | undefined, files: Part[], id = caseId) {
      const res = await v1Documents.POST(
        req('POST', `/api/v1/cases/${id}/documents`, { bearer, body: form(files) }),
        { params: Promise.resolve({ id }) },
      );
      return { status: res.status, body: await body(res) };
    }

    it('takes documents from a token with cases:write and names the token as uploader', async () => {
      const r = await v1(writeToken, [{ name: 'scan.pdf', bytes: PDF }]);
      expect(r.status).toBe(201);
      expect(r.body.documents[0]).toMatchObject({
        fileName: 'scan.pdf',
        contentType: 'application/pdf',
        uploadedBy: 'API token intake',
      });
      expect(await auditCount('document.uploaded', r.body.documents[0].id)).toBe(1);
    });

    it('refuses a token without cases:write (403), without a token (401), and an unknown case (404)', async () => {
      expect((await v1(readToken, [{ bytes: PNG }])).status).toBe(403);
      expect((await v1(undefined, [{ bytes: PNG }])).status).toBe(401);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await v1(writeToken, [{ bytes: PNG }], missing)).status).toBe(404);
    });
  });

  it('answers hostile multipart bodies with a 4xx, never a 500 (generated input)', async () => {
    const before = await documentCount();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          boundary: fc.string({ minLength: 1, maxLength: 20, unit: 'binary-ascii' }),
          raw: fc.uint8Array({ maxLength: 400 }),
          name: fc.string({ unit: 'binary', maxLength: 80 }),
          partHeaders: fc.string({ unit: 'binary-ascii', maxLength: 80 }),
          asPart: fc.boolean(),
        }),
        async ({ boundary, raw, name, partHeaders, asPart }) => {
          const b = boundary.replace(/[\r\n]/g, '') || 'x';
          const payload = asPart
            ? Buffer.concat([
                Buffer.from(
                  `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n${partHeaders}\r\n\r\n`,
                ),
                Buffer.from(raw),
                Buffer.from(`\r\n--${b}--\r\n`),
              ])
            : Buffer.from(raw);
          let contentType: string;
          try {
            contentType = new Headers({ 'content-type': `multipart/form-data; boundary=${b}` }).get(
              'content-type',
            )!;
          } catch {
            contentType = 'multipart/form-data; boundary=x';
          }
          const res = await caseDocuments.POST(
            req('POST', `/api/cases/${caseId}/documents`, {
              email: 'adjuster@example.com',
              body: new Uint8Array(payload),
              headers: { 'content-type': contentType },
            }),
            { params: Promise.resolve({ id: caseId }) },
          );
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(await documentCount()).toBe(before);
  });
});
