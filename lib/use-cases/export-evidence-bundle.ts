import type { DbOrTx } from '../../db/client';
import { actorFields, recordAudit } from '../data/audit';
import { checkpointsOfChain, headsOfCheckpoints } from '../data/audit-checkpoints';
import {
  chainHeadsInCheckpoints,
  getCaseTypeVersion,
  getChainHead,
  getPeople,
  listChainEventsWithContent,
  listRuleVersions,
  loadSlaPolicyHistory,
} from '../data/evidence-bundle';
import { caseAccessRefs, getCase, listCaseTasks } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  sealBundle,
  type BundleBody,
  type BundleCheckpoint,
  type EvidenceBundle,
} from '../evidence/bundle-format';
import {
  caseSection,
  eventSection,
  routingDecisions,
  ruleRefs,
  ruleVersionSection,
  slaSections,
  taskSection,
} from './evidence-bundle-sections';
import { guard } from './guard';
import { requireReadableCase } from './require-readable-case';

/**
 * A checkpoint covering at most this many chain heads is carried whole, so the offline verifier
 * recomputes its signed heads digest; a bigger one (a busy minute covers up to 10,000 heads,
 * ~1.3 MB, and a case is covered by a checkpoint each time its chain moved) carries only this
 * case's head and the digest, which the server's verification checks against its heads.
 */
export const HEADS_IN_BUNDLE_MAX = 500;

/**
 * Who may export a case's evidence: supervisors and admins who may read the case, and API tokens
 * with both cases:read and audit:read (lib/domain/permissions.ts, case.export_evidence). A case
 * the actor may not read is a 404 (as everywhere); a reader of another role is a 403. Both
 * refusals are audited.
 */
async function requireExportableCase(db: DbOrTx, actor: Actor, caseId: string) {
  const c = await requireReadableCase(db, actor, caseId);
  await guard(db, actor, 'case.export_evidence', await caseAccessRefs(db, c.id), {
    type: 'case',
    id: c.id,
    caseId: c.id,
  });
  return c;
}

/**
 * Builds the evidence bundle of one case and records the export (case.evidence_exported, with the
 * bundle's digest) in the same transaction. The export's own event lands in the case's chain
 * after the events the bundle holds. `purpose` says whether the file was downloaded or shown as
 * the print view; both disclose the whole case, so both are audited.
 */
export async function exportEvidenceBundle(
  db: DbOrTx,
  actor: Actor,
  caseId: string,
  now: Date,
  purpose: 'download' | 'print' = 'download',
): Promise<EvidenceBundle> {
  const readable = await requireExportableCase(db, actor, caseId);
  return db.transaction(async (tx) => {
    const body = await readBundleBody(tx, readable.id, actor, now);
    const bundle = sealBundle(body);
    const events = body.timeline.events;
    await recordAudit(tx, actor, {
      action: 'case.evidence_exported',
      entityType: 'case',
      entityId: readable.id,
      caseId: readable.id,
      summary: `Evidence bundle ${purpose === 'print' ? 'shown for printing' : 'exported'}: ${events.length} events, digest ${bundle.digest.value.slice(0, 12)}…`,
      metadata: {
        purpose,
        digest: bundle.digest.value,
        events: events.length,
        lastSeq: events.at(-1)?.seq ?? 0,
        checkpoints: body.checkpoints.length,
      },
      occurredAt: now,
    });
    return bundle;
  });
}

/**
 * Everything but the digest. Heads are read before the events (both the chain head and the
 * checkpoints'), so under READ COMMITTED every event a head names is committed before the
 * events are read: an event written meanwhile can only add to the bundle, never be named
 * without being in it.
 */
async function readBundleBody(
  tx: DbOrTx,
  caseId: string,
  actor: Actor,
  now: Date,
): Promise<BundleBody> {
  const chain = `case:${caseId}`;
  const head = await getChainHead(tx, chain);
  const checkpoints = await readCheckpoints(tx, chain);
  const events = (await listChainEventsWithContent(tx, caseId)).map(eventSection);
  const c = await getCase(tx, caseId);
  if (!c) throw new DomainError('not_found', 'Case was not found.');
  const type = await getCaseTypeVersion(tx, c.caseTypeVersionId);
  if (!type) throw new Error(`case ${c.reference} has no case type version`);
  const tasks = await listCaseTasks(tx, caseId);
  const people = await getPeople(tx, [
    ...new Set(
      tasks.flatMap(({ task }) =>
        [task.assigneeId, task.completedById].filter((x): x is string => !!x),
      ),
    ),
  ]);
  const decisions = routingDecisions(events);
  const rules = await listRuleVersions(tx, ruleRefs(decisions, tasks));
  const policyIds = [
    ...new Set(tasks.flatMap(({ task }) => (task.slaPolicyId ? [task.slaPolicyId] : []))),
  ];
  const history = await loadSlaPolicyHistory(tx, policyIds);
  const sla = slaSections(tasks, history.current, history.edits);
  const by = actorFields(actor);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now.toISOString(),
    exportedBy: { type: by.actorType, id: by.actorId, label: by.actorLabel },
    case: caseSection(c, type),
    tasks: tasks.map((row) => taskSection(row, people, sla.byTask.get(row.task.id) ?? null)),
    routing: {
      decisions,
      ruleVersions: rules
        .map(ruleVersionSection)
        .sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version),
    },
    slaPolicyVersions: sla.versions,
    timeline: { chain, head, events },
    checkpoints,
  };
}

async function readCheckpoints(tx: DbOrTx, chain: string): Promise<BundleCheckpoint[]> {
  const list = await checkpointsOfChain(tx, chain);
  const ids = list.map((c) => c.id);
  const own = await chainHeadsInCheckpoints(tx, chain, ids);
  const whole = await headsOfCheckpoints(
    tx,
    list.filter((c) => c.headCount <= HEADS_IN_BUNDLE_MAX).map((c) => c.id),
  );
  return list.flatMap((c) => {
    const head = own.get(c.id);
    if (!head) return [];
    return [
      {
        id: c.id,
        createdAt: c.createdAt.toISOString(),
        keyId: c.keyId,
        prevSignature: c.prevSignature,
        headsDigest: c.headsDigest,
        headCount: c.headCount,
        signature: c.signature,
        head,
        heads: whole.get(c.id) ?? null,
      },
    ];
  });
}
