import { z } from 'zod';

/**
 * The evidence bundle of one case (issue 16, point 4): everything a reviewer needs to see what
 * happened on the case and to check, without the database, that its audit trail was not changed.
 * Pure: the offline verifier (scripts/verify-bundle.ts) and the print view read it too.
 *
 * The schema checks shape only, and leniently (hashes are any strings, JSON values anything): a
 * changed value is the verifier's to name, so a tampered bundle reads as "broken", not "not a
 * bundle". Times are ISO strings; audit event times keep the microseconds their hash covers.
 */
export const BUNDLE_FORMAT = 'handoff-evidence-bundle';
export const BUNDLE_VERSION = 1;

const json = z.unknown();
const jsonObject = z.record(z.string(), z.unknown());
const instant = z.string();

export const bundleActorSchema = z.object({
  type: z.string(),
  id: z.string().nullable(),
  label: z.string(),
});

/** One audit event of the case's chain, its columns as shown and `content`, the text its hash covers. */
export const bundleEventSchema = z.object({
  id: z.number(),
  occurredAt: instant,
  actor: bundleActorSchema,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  caseId: z.string().nullable(),
  taskId: z.string().nullable(),
  summary: z.string(),
  before: json,
  after: json,
  metadata: json,
  chain: z.string(),
  seq: z.number(),
  prevHash: z.string(),
  hash: z.string(),
  /** handoff_audit_content(event) exactly as the database rendered it (canonical jsonb text). */
  content: z.string(),
});

const chainHeadSchema = z.object({ seq: z.number(), hash: z.string() });

/**
 * A signed checkpoint that covers the case's chain: its signed fields (the HMAC needs the
 * operator's key, so only a server or an operator with the key checks `signature`), the head of
 * this chain it names, and all its heads when it covers few enough (else null: see HEADS_IN_BUNDLE_MAX).
 */
export const bundleCheckpointSchema = z.object({
  id: z.number(),
  createdAt: instant,
  keyId: z.string(),
  prevSignature: z.string(),
  headsDigest: z.string(),
  headCount: z.number(),
  signature: z.string(),
  head: chainHeadSchema,
  heads: z.array(z.object({ chain: z.string(), seq: z.number(), hash: z.string() })).nullable(),
});

const person = z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable();

export const bundleCaseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  caseType: z.object({ key: z.string(), name: z.string(), version: z.number() }),
  status: z.string(),
  priority: z.string(),
  resolution: z.string().nullable(),
  currentStepKey: z.string().nullable(),
  data: jsonObject,
  /** The case type's field labels, so a reader sees "Damage estimate", not damageEstimate. */
  fields: z.array(z.object({ path: z.string(), label: z.string(), type: z.string() })),
  openedAt: instant,
  openedBy: z.string(),
  updatedAt: instant,
  closedAt: instant.nullable(),
});

export const bundleTaskSchema = z.object({
  id: z.string(),
  stepKey: z.string(),
  name: z.string(),
  status: z.string(),
  priority: z.string(),
  group: z.object({ id: z.string(), key: z.string(), name: z.string() }).nullable(),
  assignee: person,
  completedBy: person,
  createdAt: instant,
  claimedAt: instant.nullable(),
  dueAt: instant.nullable(),
  completedAt: instant.nullable(),
  escalationLevel: z.number(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  /** The values entered in the outcome's form, as submitted. */
  formValues: jsonObject.nullable(),
  /** The form the outcome asked for (labels of formValues). */
  formFields: z.array(z.object({ name: z.string(), label: z.string(), type: z.string() })),
  context: jsonObject,
  routing: z
    .object({
      ruleId: z.string().nullable(),
      ruleVersion: z.number().nullable(),
      ruleName: z.string().nullable(),
      summary: z.string(),
    })
    .nullable(),
  /** The SLA policy and the version of it in force when the task was created. */
  sla: z
    .object({ policyId: z.string(), key: z.string(), name: z.string(), version: z.number() })
    .nullable(),
});

/** A routing step of the case (a case.routed event): which rule version decided, and what. */
export const bundleRoutingDecisionSchema = z.object({
  eventId: z.number(),
  seq: z.number(),
  occurredAt: instant,
  summary: z.string(),
  ruleId: z.string().nullable(),
  ruleVersion: z.number().nullable(),
  decision: json,
});

export const bundleRuleVersionSchema = z.object({
  ruleId: z.string(),
  version: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  condition: json,
  actions: json,
  active: z.boolean(),
  createdAt: instant,
});

/** One version of an SLA policy as it stood; `source` says where it was read from. */
export const bundleSlaVersionSchema = z.object({
  policyId: z.string(),
  key: z.string(),
  version: z.number(),
  name: z.string(),
  due: json,
  reminder: json,
  escalations: json,
  onReassign: z.string(),
  /** 'current': the policy row today; 'audit': a snapshot in an sla_policy.updated event. */
  source: z.enum(['current', 'audit']),
  auditEventId: z.number().nullable(),
});

export const bundleDigestSchema = z.object({
  algorithm: z.literal('sha256'),
  /** What the digest covers, for a reader of the file. */
  covers: z.string(),
  value: z.string(),
});

export const evidenceBundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: instant,
  exportedBy: bundleActorSchema,
  case: bundleCaseSchema,
  tasks: z.array(bundleTaskSchema),
  routing: z.object({
    decisions: z.array(bundleRoutingDecisionSchema),
    ruleVersions: z.array(bundleRuleVersionSchema),
  }),
  slaPolicyVersions: z.array(bundleSlaVersionSchema),
  timeline: z.object({
    chain: z.string(),
    /** The chain's head row when the bundle was read (the newest event it then had). */
    head: chainHeadSchema.nullable(),
    events: z.array(bundleEventSchema),
  }),
  checkpoints: z.array(bundleCheckpointSchema),
  digest: bundleDigestSchema,
});

export type EvidenceBundle = z.infer<typeof evidenceBundleSchema>;
export type BundleBody = Omit<EvidenceBundle, 'digest'>;
export type BundleEvent = z.infer<typeof bundleEventSchema>;
export type BundleCase = z.infer<typeof bundleCaseSchema>;
export type BundleTask = z.infer<typeof bundleTaskSchema>;
export type BundleCheckpoint = z.infer<typeof bundleCheckpointSchema>;
export type BundleRoutingDecision = z.infer<typeof bundleRoutingDecisionSchema>;
export type BundleRuleVersion = z.infer<typeof bundleRuleVersionSchema>;
export type BundleSlaVersion = z.infer<typeof bundleSlaVersionSchema>;
