/**
 * The background of the completion benchmark (scripts/bench/completion.ts): `background` open
 * tasks over the groups' steps, as many closed cases with their decisions, step runs and audit
 * events, generated in SQL (generate_series), then analysed.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { vacuumAnalyze } from './lib';

export async function generateVolume(db: Db, background: number) {
  const ids = sql`(select id from users where email = 'adjuster@example.com')`;
  // Open work: one case per task, spread over the groups' steps, a third claimed.
  await db.execute(sql`
    insert into cases (reference, case_type_id, case_type_version_id, status, data, title, amount_cents, opened_by_actor, current_step_key, created_at)
    select 'GEN-O-' || lpad(i::text, 7, '0'), ct.id, v.id, 'open',
           jsonb_build_object('policyNumber', 'POL-100000', 'claimant', jsonb_build_object('name', 'Gen Claimant ' || i), 'recommendedPayout', 5000 + i % 45000),
           'Gen Claimant ' || i, (5000 + i % 45000) * 100, 'bench-open',
           (array['adjuster-review','adjuster-review','adjuster-review','adjuster-review','adjuster-review','adjuster-review','senior-review','senior-review','fraud-review','fix-claim-data'])[1 + i % 10],
           now() - (i % 2000) * interval '1 hour'
    from generate_series(1, ${background}) i, case_types ct, case_type_versions v
    where ct.key = 'auto-claim' and v.case_type_id = ct.id`);
  await db.execute(sql`
    insert into tasks (case_id, step_key, name, status, assignee_id, candidate_group_id, priority, outcomes, due_at, created_at)
    select c.id, c.current_step_key, s.name,
           (case when i % 3 = 0 then 'claimed' else 'ready' end)::task_status,
           case when i % 3 = 0 then (select id from users where email = (case when c.current_step_key = 'senior-review' then 'senior@example.com' when i % 2 = 0 then 'adjuster@example.com' else 'adjuster2@example.com' end)) end,
           (select id from groups where key = s.grp),
           (array['low','normal','normal','high','urgent'])[1 + i % 5]::priority,
           coalesce((select outcomes from tasks where step_key = c.current_step_key order by created_at limit 1), '[]'::jsonb),
           now() + ((i % 200) - 50) * interval '1 hour', c.created_at
    from (select id, current_step_key, created_at, row_number() over (order by reference) i from cases where opened_by_actor = 'bench-open') c
    join (values ('adjuster-review', 'Adjuster review', 'claims-adjusters'), ('senior-review', 'Senior adjuster review', 'senior-adjusters'),
                 ('fraud-review', 'Fraud review', 'special-investigations'), ('fix-claim-data', 'Fix claim data', 'claims-intake'))
         s(step, name, grp) on s.step = c.current_step_key`);
  // History: as many closed cases, each with its completed decision (four eyes reads these).
  await db.execute(sql`
    insert into cases (reference, case_type_id, case_type_version_id, status, resolution, data, title, amount_cents, opened_by_actor, created_at, closed_at)
    select 'GEN-C-' || lpad(i::text, 7, '0'), ct.id, v.id, 'closed', 'approved',
           jsonb_build_object('policyNumber', 'POL-100000', 'claimant', jsonb_build_object('name', 'Old Claimant ' || i), 'recommendedPayout', 5000 + i % 45000, 'approvedPayout', 5000 + i % 45000),
           'Old Claimant ' || i, (5000 + i % 45000) * 100, 'bench-closed',
           now() - (i % 8000) * interval '1 hour' - interval '1 day', now() - (i % 8000) * interval '1 hour'
    from generate_series(1, ${background}) i, case_types ct, case_type_versions v
    where ct.key = 'auto-claim' and v.case_type_id = ct.id`);
  await db.execute(sql`
    insert into tasks (case_id, step_key, name, status, assignee_id, candidate_group_id, priority, outcomes, outcome, outcome_data, completed_by_id, completed_at, claimed_at, due_at, created_at)
    select c.id, 'adjuster-review', 'Adjuster review', 'completed', ${ids}, (select id from groups where key = 'claims-adjusters'), 'normal',
           (select outcomes from tasks where step_key = 'adjuster-review' order by created_at limit 1),
           'approve', jsonb_build_object('payoutAmount', (c.data->>'approvedPayout')::numeric), ${ids}, c.closed_at, c.created_at, c.closed_at, c.created_at
    from cases c where c.opened_by_actor = 'bench-closed'`);
  // Every generated case ran its automated steps; the closed ones paid.
  await db.execute(sql`
    insert into step_runs (case_id, step_key, handler, status, attempts, max_attempts, started_at, finished_at, created_at, updated_at)
    select c.id, s.step, s.step, 'succeeded', 1, s.maxa, c.created_at, c.created_at, c.created_at, c.created_at
    from cases c, (values ('validate-claim', 3), ('calculate-payout', 3), ('issue-payment', 5)) s(step, maxa)
    where c.opened_by_actor in ('bench-open', 'bench-closed') and (s.step <> 'issue-payment' or c.status = 'closed')`);
  await db.execute(sql`
    insert into audit_events (occurred_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, case_id, summary)
    select c.created_at, 'system', 'engine', 'engine', a.action, 'case', c.id::text, c.id, a.action || ' (generated)'
    from cases c, (values ('case.opened'), ('step.succeeded'), ('task.created'), ('task.claimed')) a(action)
    where c.opened_by_actor in ('bench-open', 'bench-closed')`);
  await vacuumAnalyze(db); // what autovacuum does on a live server
}
