import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type DbOrTx } from '../../db/client';
import {
  auditEvents,
  cases,
  idempotencyKeys,
  notifications,
  stepRuns,
  tasks,
  webhookDeliveries,
} from '../../db/schema';
import { auditEventRow, recordAudit, type AuditActor, type AuditInput } from '../data/audit';
import { activeSubscriptionCheck, outboxRowsForNewCase } from '../webhooks/outbox';
import type { CaseRow, EngineCtx } from './case-state';

export type StepRunRow = typeof stepRuns.$inferSelect;
export type TaskInsert = typeof tasks.$inferInsert & { id: string };
type NotificationInsert = typeof notifications.$inferInsert;

/**
 * The rows a new case's first advance writes, collected while the engine decides and written
 * with ONE statement when it is done (flush): the case in its final state, its step runs, tasks,
 * audit events and notifications, however many steps, events and updates it went through. Only
 * for a case the same transaction creates: nobody can see it before the commit, so writing its
 * rows at the end is the same as writing them one by one. Reads the engine makes meanwhile
 * (assignment strategies, four eyes) still go to the database; none of them reads these rows.
 */
export class CaseWrites {
  readonly audits: { actor: AuditActor; event: AuditInput }[] = [];
  readonly stepRuns: StepRunRow[] = [];
  readonly tasks: TaskInsert[] = [];
  readonly notifications: NotificationInsert[] = [];
  /** Whether a step that calls another system was queued (run it after the commit). */
  queuedExternal = false;
  private patch: Partial<typeof cases.$inferInsert> = {};
  /** Outbound events (webhooks) of the collected audits, when a subscription wants them. */
  private outbox: Awaited<ReturnType<typeof outboxRowsForNewCase>> = [];

  private async prepareOutbox(db: DbOrTx, reference: string): Promise<void> {
    this.outbox = await outboxRowsForNewCase(
      db,
      { ...this.current, reference },
      this.tasks,
      this.audits,
    );
  }

  /** `inserted`: the new case as it would be stored now; it is stored by flush, with every update. */
  constructor(readonly inserted: CaseRow) {}

  /** The case with `patch` applied in memory; the row is written once, at flush. */
  updateCase(c: CaseRow, patch: Partial<typeof cases.$inferInsert>): CaseRow {
    Object.assign(this.patch, patch);
    return { ...c, ...patch };
  }

  newStepRun(
    values: Pick<
      StepRunRow,
      'caseId' | 'stepKey' | 'handler' | 'status' | 'maxAttempts' | 'createdAt' | 'updatedAt'
    > &
      Partial<StepRunRow>,
  ): StepRunRow {
    const run: StepRunRow = {
      id: randomUUID(),
      attempts: 0,
      nextAttemptAt: null,
      lockedUntil: null,
      leaseToken: null,
      lastError: null,
      result: null,
      startedAt: null,
      finishedAt: null,
      ...values,
    };
    this.stepRuns.push(run);
    return run;
  }

  /** True when the run is one of ours (then updated in memory), false for a stored run. */
  updateStepRun(id: string, set: Partial<StepRunRow>): boolean {
    const run = this.stepRuns.find((r) => r.id === id);
    if (!run) return false;
    Object.assign(run, set);
    return true;
  }

  /** The case as flush stores it: the inserted row with every update applied. */
  get current(): CaseRow {
    return { ...this.inserted, ...this.patch };
  }

  /**
   * Stores the case and everything collected, in one statement (data-modifying CTEs; the foreign
   * keys of the children are checked at its end, when the case is there). Each table's rows travel
   * as one JSON parameter, so the statement's text is the same for every case and its plan is
   * prepared once per connection. Audit events keep their order (their ids follow it).
   */
  async flush(tx: DbOrTx): Promise<void> {
    const { searchText: _generated, ...caseRow } = this.current;
    await this.prepareOutbox(tx, caseRow.reference);
    await tx.execute(
      withWrites(
        insertJson(cases, [caseRow]),
        this.childInserts((json) => json, sql``),
      ),
    );
  }

  /**
   * Stores a case the engine advanced without the database (see noDatabase) in ONE autocommit
   * statement that also claims the API token's Idempotency-Key (when `claim` is given) and draws
   * the reference: nothing is written, and no number drawn, when the key was already claimed —
   * then null (a concurrent claim of the key waits for the first claimer's statement to commit).
   * The engine wrote `placeholder` wherever the reference goes (audit texts, notification
   * titles); the statement puts the drawn reference there. Returns the reference.
   */
  async storeOpened(
    db: DbOrTx,
    o: {
      claim: { tokenId: string; key: string; requestHash: string } | null;
      prefix: string;
      placeholder: string;
    },
  ): Promise<string | null> {
    const { searchText: _generated, reference: _drawn, ...caseRow } = this.current;
    const c = this.inserted;
    await this.prepareOutbox(db, o.placeholder);
    const claim = o.claim
      ? sql`insert into ${idempotencyKeys} (${columnList(idempotencyKeys, ['tokenId', 'key', 'requestHash', 'caseId', 'responseStatus', 'createdAt'])})
          values (${o.claim.tokenId}, ${o.claim.key}, ${o.claim.requestHash}, ${c.id}, 201, ${c.createdAt.toISOString()}::timestamptz)
          on conflict do nothing returning 1 as claimed`
      : sql`select 1 as claimed`;
    // One reference per claimed key: the function is evaluated per row of k (none on a replay).
    const theCase = insertJson(cases, [caseRow], {
      extra: {
        column: cases.reference.name,
        value: sql`handoff_case_reference(${o.prefix}::text, ${c.createdAt.getUTCFullYear()}::integer)`,
      },
      from: sql`k, `,
      returning: sql` returning "reference", to_json("reference")::text as quoted`,
    });
    // The reference as it appears inside a JSON string (quotes and backslashes escaped).
    const fill = (json: SQL) =>
      sql`replace(${json}, ${o.placeholder}, substr(c.quoted, 2, length(c.quoted) - 2))`;
    const rows = await queryRows<{ reference: string }>(
      db,
      sql`with k as (${claim}), c as (${theCase}), ${sql.join(
        this.childInserts(fill, sql`c, `).map((p, i) => sql`${sql.raw(`w${i}`)} as (${p})`),
        sql`, `,
      )} select "reference" from c`,
    );
    return rows[0]?.reference ?? null;
  }

  /** The inserts of the case's children; `fill` rewrites each JSON document, `from` joins rows. */
  private childInserts(fill: (json: SQL) => SQL, from: SQL): SQL[] {
    const parts: SQL[] = [];
    if (this.stepRuns.length) parts.push(insertJson(stepRuns, this.stepRuns, { fill, from }));
    if (this.tasks.length) parts.push(insertJson(tasks, this.tasks, { fill, from }));
    if (this.audits.length)
      parts.push(
        insertJson(
          auditEvents,
          this.audits.map((a) => auditRow(a, this.inserted)),
          { fill, from },
        ),
      );
    // Only to subscriptions still active in the database (the cache that chose them may be stale).
    if (this.outbox.length)
      parts.push(
        insertJson(webhookDeliveries, this.outbox, { fill, from, where: activeSubscriptionCheck }),
      );
    if (this.notifications.length)
      parts.push(
        sql`${insertJson(notifications, this.notifications, { fill, from })} on conflict (${sql.identifier(notifications.dedupeKey.name)}) do nothing`,
      );
    return parts;
  }
}

/** `first`, with `rest` as data-modifying CTEs before it (all run, in one statement). */
function withWrites(first: SQL, rest: SQL[]): SQL {
  return rest.length
    ? sql`with ${sql.join(
        rest.map((p, i) => sql`${sql.raw(`w${i}`)} as (${p})`),
        sql`, `,
      )} ${first}`
    : first;
}

/**
 * Thrown by noDatabase on any use. The engine run it stopped wanted to read or lock rows
 * (an assignment strategy, a four-eyes check): run it again in a transaction.
 */
export class NeedsDatabase extends Error {
  constructor() {
    super('This engine run needs the database');
  }
}

/**
 * A database handle that refuses every use: intake first advances a new case with it, which
 * succeeds whenever the case's path needs nothing but the config snapshot (most cases), and then
 * stores it with storeOpened — no transaction, one statement.
 */
export const noDatabase = new Proxy(
  {},
  {
    get() {
      throw new NeedsDatabase();
    },
  },
) as DbOrTx;

/** An audit event as a row of audit_events, stamped at the case's time when it carries none. */
function auditRow(entry: { actor: AuditActor; event: AuditInput }, c: CaseRow) {
  return { ...auditEventRow(entry), occurredAt: entry.event.occurredAt ?? c.createdAt };
}

/**
 * `insert into <table> (<columns>) select <columns> from jsonb_populate_recordset(…)`: the rows
 * as one JSON document, their keys (the same in every row: they come from one code path) naming
 * the columns; dates as ISO strings, JSON columns as JSON. A column no row names keeps its
 * default.
 */
function insertJson<T extends PgTable>(
  table: T,
  rows: readonly object[],
  o: {
    fill?: (json: SQL) => SQL;
    from?: SQL;
    extra?: { column: string; value: SQL };
    /** A condition on the rows (their columns by name). */
    where?: SQL;
    returning?: SQL;
  } = {},
): SQL {
  const columns = table as unknown as { [k: string]: { name: string } | undefined };
  const keys = Object.keys(rows[0]!).filter(
    (k) => (rows[0] as Record<string, unknown>)[k] !== undefined,
  );
  const names = keys.map((k) => {
    const column = columns[k];
    if (!column?.name) throw new Error(`${k} is not a column`);
    return column.name;
  });
  const json = JSON.stringify(
    rows.map((row) => {
      const r = row as Record<string, unknown>;
      if (Object.keys(r).filter((k) => r[k] !== undefined).length !== keys.length)
        throw new Error('Rows of one table must name the same columns');
      const entries = keys.map((k, i): [string, unknown] => {
        const v = r[k];
        return [names[i]!, v instanceof Date ? v.toISOString() : (v ?? null)];
      });
      return Object.fromEntries(entries);
    }),
  );
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const doc = (o.fill ?? ((j: SQL) => j))(sql`${json}::text`);
  const extraColumn = o.extra ? sql`${sql.identifier(o.extra.column)}, ` : sql``;
  const extraValue = o.extra ? sql`${o.extra.value}, ` : sql``;
  return sql`insert into ${table} (${extraColumn}${list}) select ${extraValue}${list} from ${o.from ?? sql``}jsonb_populate_recordset(null::${table}, (${doc})::jsonb)${o.where ? sql` where ${o.where}` : sql``}${o.returning ?? sql``}`;
}

/** The quoted column names of `keys` of a table, comma-separated. */
function columnList<T extends PgTable>(table: T, keys: readonly string[]): SQL {
  const columns = table as unknown as { [k: string]: { name: string } };
  return sql.raw(keys.map((k) => `"${columns[k]!.name}"`).join(', '));
}

/** Records an audit event in the context's transaction, or collects it when the case's writes are collected. */
export async function recordEngineAudit(
  ctx: EngineCtx,
  actor: AuditActor,
  event: AuditInput,
): Promise<void> {
  if (ctx.writes) ctx.writes.audits.push({ actor, event });
  else await recordAudit(ctx.tx, actor, event);
}
