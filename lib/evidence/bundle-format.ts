import {
  bundleDigest,
  canonicalJson,
  checkpointHeadsDigest,
  DIGEST_COVERS,
  eventHash,
  GENESIS_HASH,
} from './bundle-digest';
import {
  evidenceBundleSchema,
  type BundleBody,
  type BundleEvent,
  type EvidenceBundle,
} from './bundle-schema';

export * from './bundle-schema';
export { bundleDigest, canonicalJson, DIGEST_COVERS, GENESIS_HASH } from './bundle-digest';

/** The bundle with its digest: over every byte but the digest's value. */
export function sealBundle(body: BundleBody): EvidenceBundle {
  const digest = { algorithm: 'sha256' as const, covers: DIGEST_COVERS, value: '' };
  return { ...body, digest: { ...digest, value: bundleDigest({ ...body, digest }) } };
}

/**
 * The offline check of an evidence bundle: no database, no key. What it proves is limited to what
 * the file itself can show — each event's content hashes to its hash, the links hold, the shown
 * fields are the hashed ones, the checkpoints' heads are in the bundle, and the digest covers every
 * other byte. Anyone can recompute all of that for a forged file; what a forger cannot make is
 * the checkpoints' HMAC signatures, which need the operator's key: they are carried (key_id,
 * signature, the signed fields) for an operator to check, and the verdict says they were not.
 */

export type BundleProblemKind =
  | 'wrong chain' // the event (or the timeline) belongs to another chain than the case's
  | 'content changed' // sha256(prevHash + "\n" + content) is not the event's hash
  | 'fields differ from content' // a shown field is not what the hashed content says
  | 'event missing before' // seq jumps: an event before it is not in the bundle
  | 'event out of place' // seq repeats, goes back, or the events are not in seq order
  | 'link broken' // prevHash is not the hash of the event before it
  | 'newest events missing' // a checkpoint or the chain head names an event past the last one
  | 'head differs' // a checkpoint or the chain head names an event of the bundle with another hash
  | 'checkpoint heads changed' // the heads carried do not hash to the signed heads digest
  | 'bundle changed' // the digest over the bundle does not match: something outside the chain changed
  | 'not an evidence bundle'; // the file does not have the bundle's shape

export type BundleProblem = {
  eventId?: number;
  seq?: number;
  checkpointId?: number;
  problem: BundleProblemKind;
  detail?: string;
};

export type BundleVerdict = {
  /** True when every check below passed. */
  intact: boolean;
  /** False when the input is not an evidence bundle at all (nothing else was checked). */
  readable: boolean;
  events: number;
  /** Event problems in chain order first, then checkpoints and the digest. */
  problems: BundleProblem[];
  firstBreak: BundleProblem | null;
  checkpoints: number;
  /** Checkpoints whose heads the bundle does not carry in full (their digest is checked by the server). */
  checkpointsWithoutHeads: number;
  signatures: 'not checked offline';
};

/** Verifies a bundle as read from its file (JSON.parse'd, not yet validated). */
export function verifyBundle(input: unknown): BundleVerdict {
  const parsed = evidenceBundleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    return verdict(false, 0, [
      { problem: 'not an evidence bundle', detail: `${where}: ${issue?.message ?? 'invalid'}` },
    ]);
  }
  const b = parsed.data;
  let problems: BundleProblem[];
  try {
    problems = [
      ...checkEvents(b),
      ...checkHeads(b),
      ...checkDigest(input as Record<string, unknown>, b),
    ];
  } catch (e) {
    // Only a value nested deeper than the stack allows gets here (canonicalJson recurses).
    const detail = e instanceof RangeError ? 'nested too deeply to check' : String(e);
    return verdict(false, 0, [{ problem: 'not an evidence bundle', detail }]);
  }
  const v = verdict(true, b.timeline.events.length, problems);
  v.checkpoints = b.checkpoints.length;
  v.checkpointsWithoutHeads = b.checkpoints.filter((c) => c.heads === null).length;
  return v;
}

function verdict(readable: boolean, events: number, problems: BundleProblem[]): BundleVerdict {
  return {
    intact: readable && problems.length === 0,
    readable,
    events,
    problems,
    firstBreak: problems[0] ?? null,
    checkpoints: 0,
    checkpointsWithoutHeads: 0,
    signatures: 'not checked offline',
  };
}

/** The content an event's shown fields stand for: handoff_audit_content's keys (migration 0017). */
function contentOf(e: BundleEvent) {
  return {
    v: 1,
    id: e.id,
    chain: e.chain,
    seq: e.seq,
    occurredAt: e.occurredAt,
    actorType: e.actor.type,
    actorId: e.actor.id,
    actorLabel: e.actor.label,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    caseId: e.caseId,
    taskId: e.taskId,
    summary: e.summary,
    before: e.before,
    after: e.after,
    metadata: e.metadata,
  };
}

function sameAsContent(e: BundleEvent): boolean {
  try {
    return canonicalJson(JSON.parse(e.content)) === canonicalJson(contentOf(e));
  } catch {
    return false;
  }
}

/** Each event on its own, then its place and link; one problem per event, the first that applies. */
function checkEvents(b: EvidenceBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const chain = b.timeline.chain;
  if (chain !== `case:${b.case.id}`)
    problems.push({ problem: 'wrong chain', detail: `timeline of ${chain}, case ${b.case.id}` });
  const seqs = new Set(b.timeline.events.map((e) => e.seq));
  let prev: BundleEvent | null = null;
  for (const e of b.timeline.events) {
    const at = { eventId: e.id, seq: e.seq };
    const expectedSeq = (prev?.seq ?? 0) + 1;
    let problem: BundleProblemKind | null = null;
    // The database names an event's chain after its case: both must be this case's.
    if (e.chain !== chain || e.caseId !== b.case.id) problem = 'wrong chain';
    else if (eventHash(e.prevHash, e.content) !== e.hash) problem = 'content changed';
    else if (!sameAsContent(e)) problem = 'fields differ from content';
    else if (e.seq !== expectedSeq)
      // A later seq whose predecessor is elsewhere in the bundle was moved, not removed.
      problem =
        e.seq < expectedSeq || seqs.has(expectedSeq)
          ? 'event out of place'
          : 'event missing before';
    else if (e.prevHash !== (prev?.hash ?? GENESIS_HASH)) problem = 'link broken';
    if (problem) problems.push({ ...at, problem });
    prev = e;
  }
  return problems;
}

/**
 * The chain head and every checkpoint's head of this chain must be an event of the bundle with
 * the same hash: one past the last event means the newest events were cut off. A checkpoint that
 * carries all its heads must also hash to its signed digest (else only the server can tell).
 */
function checkHeads(b: EvidenceBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const bySeq = new Map(b.timeline.events.map((e) => [e.seq, e]));
  const last = b.timeline.events.reduce((m, e) => Math.max(m, e.seq), 0);
  const claim = (head: { seq: number; hash: string }, checkpointId?: number) => {
    const e = bySeq.get(head.seq);
    const id = checkpointId === undefined ? {} : { checkpointId };
    if (head.seq > last)
      problems.push({
        ...id,
        seq: head.seq,
        problem: 'newest events missing',
        detail: `${checkpointId === undefined ? 'the chain head' : `checkpoint ${checkpointId}`} names event ${head.seq}; the bundle ends at ${last}`,
      });
    else if (!e || e.hash !== head.hash)
      problems.push({ ...id, seq: head.seq, problem: 'head differs' });
  };
  if (b.timeline.head) claim(b.timeline.head);
  for (const c of b.checkpoints) {
    claim(c.head, c.id);
    if (c.heads === null) continue;
    const own = c.heads.find((h) => h.chain === b.timeline.chain);
    if (
      c.heads.length !== c.headCount ||
      checkpointHeadsDigest(c.heads) !== c.headsDigest ||
      own?.seq !== c.head.seq ||
      own.hash !== c.head.hash
    )
      problems.push({ checkpointId: c.id, problem: 'checkpoint heads changed' });
  }
  return problems;
}

function checkDigest(raw: Record<string, unknown>, b: EvidenceBundle): BundleProblem[] {
  return bundleDigest(raw) === b.digest.value
    ? []
    : [{ problem: 'bundle changed', detail: 'the digest does not match the bundle' }];
}

/** One line a person reads: "intact" or where it first breaks. */
export function describeVerdict(v: BundleVerdict): string {
  if (!v.readable) return `Not an evidence bundle: ${v.firstBreak?.detail ?? ''}`.trim();
  if (v.intact)
    return `Intact: ${v.events} events, every hash and link recomputed, ${v.checkpoints} checkpoint(s) match; signatures not checked offline.`;
  const f = v.firstBreak!;
  const where =
    f.seq !== undefined
      ? ` at event ${f.seq}${f.eventId !== undefined ? ` (audit event id ${f.eventId})` : ''}`
      : f.checkpointId !== undefined
        ? ` at checkpoint ${f.checkpointId}`
        : '';
  return `Broken${where}: ${f.problem}${f.detail ? ` (${f.detail})` : ''}; ${v.problems.length} problem(s) in all.`;
}
