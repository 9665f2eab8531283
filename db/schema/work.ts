import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { absenceStatus, documentStorage } from './enums';
import { cases } from './cases';
import { tasks } from './tasks';
import { groups, users } from './users';

/**
 * A named queue + filters + sort. Personal (group_id null) or shared with a group, which its
 * members see in their queue rail; only supervisors of that group and admins share.
 * `filters` is the inbox's filter object as validated by lib/schemas (case fields included).
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    queue: text('queue').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    sort: text('sort').notNull().default('due'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('saved_views_owner_idx').on(t.ownerId),
    index('saved_views_group_idx')
      .on(t.groupId)
      .where(sql`${t.groupId} is not null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A file on a case (photo, PDF, estimate), optionally uploaded from one of its tasks. The bytes
 * are in document_chunks (storage `database`), or in the shared directory under `storage_key`.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    /** Detected from the bytes (magic numbers), never taken from the upload's own claim. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storage: documentStorage('storage').notNull().default('database'),
    storageKey: text('storage_key'),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who uploaded, in words (a person's name, or "API token <name>"), kept as it was. */
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('documents_case_idx').on(t.caseId, t.createdAt),
    check('documents_size_check', sql`${t.sizeBytes} >= 0`),
  ],
);

export const documentChunks = pgTable(
  'document_chunks',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.seq] })],
);

/**
 * A planned absence: from `starts_at` the person is out of office and new work routed to them
 * goes to the delegate; at `ends_at` they are back. The scheduler's `absences` job moves the
 * status and the user's out-of-office flag; `hand_over` also moves their open work to the
 * delegate (or the queue) when it starts.
 */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    delegateId: uuid('delegate_id').references(() => users.id, { onDelete: 'set null' }),
    handOver: boolean('hand_over').notNull().default(false),
    note: text('note'),
    status: absenceStatus('status').notNull().default('scheduled'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** How many open tasks the hand-over moved when the absence started. */
    handedOver: integer('handed_over'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('absences_user_idx').on(t.userId, t.startsAt),
    index('absences_due_start_idx')
      .on(t.startsAt)
      .where(sql`${t.status} = 'scheduled'`),
    index('absences_due_end_idx')
      .on(t.endsAt)
      .where(sql`${t.status} = 'active'`),
    check('absences_period_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);
