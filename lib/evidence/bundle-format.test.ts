import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointHeadsDigest, eventHash } from './bundle-digest';
import {
  canonicalJson,
  GENESIS_HASH,
  sealBundle,
  verifyBundle,
  type BundleBody,
  type BundleEvent,
  type EvidenceBundle,
} from './bundle-format';

const CASE_ID = '3f0c1a52-6f9e-4c36-9a43-0d9f2f2b6a11';
const CHAIN = `case:${CASE_ID}`;
const OTHER_HEAD = {
  chain: 'case:ffffffff-0000-4000-8000-000000000000',
  seq: 9,
  hash: 'f'.repeat(64),
};

/** Events of one chain as the database would hash them: content first, then the link. */
function chainOf(n: number): BundleEvent[] {
  const out: BundleEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const shown = {
      id: 100 + seq,
      occurredAt: `2026-03-0${seq}T09:00:00.123456Z`,
      actor: { type: 'user', id: 'u1', label: 'ada@example.com' },
      action: seq === 1 ? 'case.opened' : 'task.completed',
      entityType: 'case',
      entityId: CASE_ID,
      caseId: CASE_ID,
      taskId: null,
      summary: `step ${seq} — décision`,
      before: seq === 1 ? null : { status: 'claimed' },
      after: { status: 'completed', amount: 1200.5, nested: { list: [1, 'two', null] } },
      metadata: { n: seq },
      chain: CHAIN,
      seq,
    };
    const { actor, ...rest } = shown;
    const content = JSON.stringify({
      v: 1,
      ...rest,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
    });
    const hash = eventHash(prev, content);
    out.push({ ...shown, prevHash: prev, hash, content });
    prev = hash;
  }
  return out;
}

function withDigest(body: BundleBody | EvidenceBundle): EvidenceBundle {
  const { digest: _old, ...rest } = body as EvidenceBundle;
  return sealBundle(rest);
}

function sample(): EvidenceBundle {
  const events = chainOf(5);
  const last = events.at(-1)!;
  const heads = [{ chain: CHAIN, seq: 4, hash: events[3]!.hash }, OTHER_HEAD];
  return withDigest({
    format: 'handoff-evidence-bundle',
    version: 1,
    exportedAt: '2026-03-09T10:00:00.000Z',
    exportedBy: { type: 'user', id: 'u2', label: 'sam@example.com' },
    case: {
      id: CASE_ID,
      reference: 'CLM-2026-000007',
      title: 'Ada Lovelace',
      caseType: { key: 'auto_claim', name: 'Auto claim', version: 1 },
      status: 'closed',
      priority: 'normal',
      resolution: 'approved',
      currentStepKey: null,
      data: { claimant: { name: 'Ada Lovelace' }, damageEstimate: 1200 },
      fields: [{ path: 'damageEstimate', label: 'Damage estimate', type: 'money' }],
      openedAt: '2026-03-01T09:00:00.000Z',
      openedBy: 'token:intake',
      updatedAt: '2026-03-05T09:00:00.000Z',
      closedAt: '2026-03-05T09:00:00.000Z',
    },
    tasks: [],
    routing: { decisions: [], ruleVersions: [] },
    slaPolicyVersions: [],
    timeline: { chain: CHAIN, head: { seq: last.seq, hash: last.hash }, events },
    checkpoints: [
      {
        id: 3,
        createdAt: '2026-03-04T12:00:00.000Z',
        keyId: 'k1',
        prevSignature: '0'.repeat(64),
        headsDigest: checkpointHeadsDigest(heads),
        headCount: 2,
        signature: 'a'.repeat(64),
        head: { seq: 4, hash: events[3]!.hash },
        heads,
      },
    ],
  });
}

/** A copy changed by `edit`, its digest left as it was (what a careless editor does). */
function edited(edit: (b: EvidenceBundle) => void): EvidenceBundle {
  const b = structuredClone(sample());
  edit(b);
  return b;
}
/** A copy changed by `edit`, with the digest recomputed (what a deliberate forger does). */
function forged(edit: (b: EvidenceBundle) => void): EvidenceBundle {
  const b = edited(edit);
  return withDigest(b);
}

describe('verifyBundle', () => {
  it('accepts an intact bundle and says signatures were not checked', () => {
    const v = verifyBundle(JSON.parse(JSON.stringify(sample())));
    expect(v).toMatchObject({ intact: true, readable: true, events: 5, problems: [] });
    expect(v.firstBreak).toBeNull();
    expect(v.signatures).toBe('not checked offline');
    expect(v.checkpoints).toBe(1);
  });

  it('names the event whose shown field was changed', () => {
    const v = verifyBundle(forged((b) => (b.timeline.events[2]!.summary += '.')));
    expect(v.intact).toBe(false);
    expect(v.firstBreak).toMatchObject({
      seq: 3,
      eventId: 103,
      problem: 'fields differ from content',
    });
    for (const edit of [
      (e: BundleEvent) => (e.actor.label = 'eve@example.com'),
      (e: BundleEvent) => ((e.after as { amount: number }).amount = 1200.6),
      (e: BundleEvent) => (e.occurredAt = e.occurredAt.replace('09:00', '08:00')),
      (e: BundleEvent) => (e.metadata = { n: 3, extra: true }),
    ]) {
      const w = verifyBundle(forged((b) => edit(b.timeline.events[2]!)));
      expect(w.firstBreak).toMatchObject({ seq: 3, problem: 'fields differ from content' });
    }
  });

  it('names the event whose hashed content was changed, and the digest', () => {
    const v = verifyBundle(
      edited(
        (b) =>
          (b.timeline.events[1]!.content = b.timeline.events[1]!.content.replace('step', 'stop')),
      ),
    );
    expect(v.firstBreak).toMatchObject({ seq: 2, eventId: 102, problem: 'content changed' });
    expect(v.problems.map((p) => p.problem)).toContain('bundle changed');
  });

  it('catches a change outside the chain (case data, a task) by the digest', () => {
    const v = verifyBundle(edited((b) => (b.case.data.damageEstimate = 1201)));
    expect(v).toMatchObject({ intact: false, readable: true });
    expect(v.firstBreak).toMatchObject({ problem: 'bundle changed' });
    expect(verifyBundle(edited((b) => (b.case.status = 'open'))).intact).toBe(false);
  });

  it('catches a deleted event, two swapped and the newest cut off, even with a fresh digest', () => {
    const deleted = verifyBundle(forged((b) => b.timeline.events.splice(2, 1)));
    expect(deleted.firstBreak).toMatchObject({
      seq: 4,
      eventId: 104,
      problem: 'event missing before',
    });

    const swapped = verifyBundle(
      forged((b) => {
        const ev = b.timeline.events;
        [ev[1], ev[2]] = [ev[2]!, ev[1]!];
      }),
    );
    expect(swapped.firstBreak).toMatchObject({ seq: 3, problem: 'event out of place' });

    const truncated = verifyBundle(forged((b) => b.timeline.events.pop()));
    expect(truncated.firstBreak).toMatchObject({ seq: 5, problem: 'newest events missing' });
    // Without the chain head, the checkpoint still names event 4: cut two and it is caught.
    const cut = verifyBundle(
      forged((b) => {
        b.timeline.events.splice(3);
        b.timeline.head = { seq: 3, hash: b.timeline.events[2]!.hash };
      }),
    );
    expect(cut.firstBreak).toMatchObject({
      checkpointId: 3,
      seq: 4,
      problem: 'newest events missing',
    });
  });

  it('catches a rewritten link and heads that no longer hash to the signed digest', () => {
    const relinked = verifyBundle(
      forged((b) => {
        const e = b.timeline.events[1]!;
        e.prevHash = 'e'.repeat(64);
        e.hash = eventHash(e.prevHash, e.content);
      }),
    );
    expect(relinked.firstBreak).toMatchObject({ seq: 2, problem: 'link broken' });
    const moved = verifyBundle(
      forged((b) => {
        const e = b.timeline.events[3]!;
        e.caseId = OTHER_HEAD.chain.slice('case:'.length);
      }),
    );
    expect(moved.firstBreak).toMatchObject({ seq: 4, problem: 'wrong chain' });
    const heads = verifyBundle(forged((b) => (b.checkpoints[0]!.heads![1]!.seq = 10)));
    expect(heads.firstBreak).toMatchObject({
      checkpointId: 3,
      problem: 'checkpoint heads changed',
    });
  });

  it('rejects what is not a bundle, naming the field', () => {
    expect(verifyBundle(null)).toMatchObject({ intact: false, readable: false });
    const v = verifyBundle(edited((b) => ((b.timeline as { events: unknown }).events = 'x')));
    expect(v).toMatchObject({ intact: false, readable: false });
    expect(v.firstBreak?.detail).toMatch(/^timeline\.events/);
  });

  it('never calls a bundle with one byte changed intact, unless the JSON is the same', () => {
    const original = sample();
    const text = Buffer.from(JSON.stringify(original, null, 2), 'utf8');
    const same = canonicalJson(original);
    fc.assert(
      fc.property(
        fc.nat({ max: text.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, delta) => {
          const copy = Buffer.from(text);
          copy[at] = (copy[at]! + delta) % 256;
          let parsed: unknown;
          try {
            parsed = JSON.parse(copy.toString('utf8'));
          } catch {
            return; // unreadable: the script exits 2, never "intact"
          }
          if (canonicalJson(parsed) === same) return;
          expect(verifyBundle(parsed).intact).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('checkpointHeadsDigest', () => {
  it('hashes "chain seq hash" lines in chain order, whatever order it is given', () => {
    const heads = [
      { chain: 'global', seq: 5, hash: 'aa' },
      { chain: 'case:a', seq: 2, hash: 'bb' },
    ];
    const expected = '6a51f430e2d2a50517e4cb16a52802e20ab5f8e73cc263bb266427dc447fd171';
    expect(checkpointHeadsDigest(heads)).toBe(expected);
    expect(checkpointHeadsDigest([...heads].reverse())).toBe(expected);
  });
});
