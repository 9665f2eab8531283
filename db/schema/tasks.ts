import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Outcome } from '../../lib/domain/case-definition';
import { casePriority, taskStatus } from './enums';
import { cases } from './cases';
import { slaPolicies } from './calendar';
import { groups, users } from './users';

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
