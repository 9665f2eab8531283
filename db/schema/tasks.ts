import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Outcome } from '../../lib/domain/case-definition';
import { casePriority, taskStatus } from './enums';
import { cases } from './cases';
import { slaPolicies } from './calendar';
import { groups, users } from './users';

/** Pending clock times while a task is paused (ISO instants). */
export type PausedClock = { remindAt: string | null; nextEscalationAt: string | null };

/** Why a task went where it went: the rule (id and version) or the default route. */
export type RoutingDecision = {
  ruleId: string | null;
  ruleVersion: number | null;
  ruleName: string | null;
  summary: string;
};

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    name: text('name').notNull(),
    status: taskStatus('status').notNull().default('ready'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    candidateGroupId: uuid('candidate_group_id').references(() => groups.id, {
      onDelete: 'set null',
    }),
    priority: casePriority('priority').notNull().default('normal'),
    /** Outcomes and their form fields, copied from the definition version so the form never drifts. */
    outcomes: jsonb('outcomes').$type<Outcome[]>().notNull().default([]),
    /** Context a human needs that is not in the case data (e.g. the error of a failed automated step). */
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
    slaPolicyId: uuid('sla_policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Next reminder to send; cleared once sent, reset on reassignment. */
    remindAt: timestamp('remind_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /**
     * Where "due soon" starts (lib/domain/sla.ts dueState): the SLA reminder point in business
     * time, or the last quarter without a reminder. Fixed at creation; a reassignment keeps it.
     */
    dueSoonAt: timestamp('due_soon_at', { withTimezone: true }),
    /** Where the escalation ladder is timed from: the due time, or a supervisor's reassignment that restarted it. */
    ladderStartedAt: timestamp('ladder_started_at', { withTimezone: true }),
    /** When the next escalation level falls due; null when the ladder is exhausted or the task is closed. */
    nextEscalationAt: timestamp('next_escalation_at', { withTimezone: true }),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** A supervisor took note of the escalation: further levels stop notifying (the ladder still records them). */
    escalationAcknowledgedAt: timestamp('escalation_acknowledged_at', { withTimezone: true }),
    escalationAcknowledgedById: uuid('escalation_acknowledged_by_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    /** No escalation notification (single or digest line) for this task until then. */
    escalationSnoozedUntil: timestamp('escalation_snoozed_until', { withTimezone: true }),
    /**
     * The deadline the SLA promised: the first due time, moved only by pauses (time the company
     * did not control), never by a supervisor's extension. Null while no extension was granted
     * (it then equals due_at); SLA figures judge against both (lib/domain/sla-figures.ts).
     */
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    /** Set while the clock is stopped (waiting for the claimant): no reminder or escalation is pending. */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pauseReason: text('pause_reason'),
    /** The case event that resumes the clock when it arrives (e.g. information_received); null: resumed by hand. */
    pausedForEvent: text('paused_for_event'),
    /** The reminder and escalation times pending when the clock stopped, shifted and restored on resume. */
    pausedClock: jsonb('paused_clock').$type<PausedClock | null>(),
    /** Working minutes (on the SLA calendar) the clock stood still, over all pauses. */
    pausedMinutes: integer('paused_minutes').notNull().default(0),
    routing: jsonb('routing').$type<RoutingDecision | null>(),
    outcome: text('outcome'),
    outcomeData: jsonb('outcome_data').$type<Record<string, unknown> | null>(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    completedById: uuid('completed_by_id').references(() => users.id, { onDelete: 'set null' }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Inbox: "my tasks" and "group queue", ordered by due date.
    index('tasks_assignee_open_due_idx')
      .on(t.assigneeId, t.dueAt)
      .where(sql`${t.status} in ('ready', 'claimed')`),
    index('tasks_group_open_due_idx')
      .on(t.candidateGroupId, t.dueAt)
      .where(sql`${t.status} in ('ready', 'claimed')`),
    // Keyset pages of the inbox in its own sort order (due, then id; no due = last), so a page
    // reads 50 index entries whatever the queue size.
    index('tasks_group_ready_page_idx')
      .on(t.candidateGroupId, sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} = 'ready'`),
    index('tasks_assignee_open_page_idx')
      .on(t.assigneeId, sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('ready', 'claimed')`),
    index('tasks_open_page_idx')
      .on(sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('ready', 'claimed')`),
    // Queues spanning a person's visibility (Due today, Overdue, all) read one range per visible
    // group (lib/data/inbox.ts visibilitySlices): an OR of assignee and groups defeats every index.
    index('tasks_group_open_page_idx')
      .on(t.candidateGroupId, sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('ready', 'claimed')`),
    // Escalated work per group in the same order (the Escalated queue and its count).
    index('tasks_escalated_page_idx')
      .on(t.candidateGroupId, sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('ready', 'claimed') and ${t.escalationLevel} > 0`),
    // "Due soon" filter and count: open tasks whose due-soon point has passed (the due soon and
    // the overdue), a set that follows the urgent work, not the table size.
    index('tasks_open_due_soon_idx')
      .on(t.dueSoonAt)
      .where(sql`${t.status} in ('ready', 'claimed') and ${t.dueSoonAt} is not null`),
    // "Next task": the most urgent ready task of a group (priority, then due time), unpaused.
    index('tasks_group_next_idx')
      .on(
        t.candidateGroupId,
        t.priority.desc(),
        sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
        t.id,
      )
      .where(sql`${t.status} = 'ready' and ${t.pausedAt} is null`),
    // Extended deadlines (SLA figures' "Extended deadlines" and the open work extended past its
    // SLA deadline): a small set, whatever the number of open tasks.
    index('tasks_extended_idx')
      .on(t.candidateGroupId, t.dueAt)
      .where(sql`${t.slaDueAt} is not null`),
    // The paused tasks a case event resumes.
    index('tasks_paused_case_idx')
      .on(t.caseId)
      .where(sql`${t.pausedAt} is not null`),
    index('tasks_case_idx').on(t.caseId, t.createdAt),
    // Scheduler scans: only open rows with a pending time are indexed, so cost follows the due set.
    index('tasks_remind_due_idx')
      .on(t.remindAt)
      .where(sql`${t.status} in ('ready', 'claimed') and ${t.remindAt} is not null`),
    index('tasks_escalation_due_idx')
      .on(t.nextEscalationAt)
      .where(sql`${t.status} in ('ready', 'claimed') and ${t.nextEscalationAt} is not null`),
    index('tasks_completed_at_idx')
      .on(t.completedAt)
      .where(sql`${t.completedAt} is not null`),
  ],
);
