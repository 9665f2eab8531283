/**
 * The shape of a versioned case-type definition. A running case keeps the
 * definition version it started with, so these objects are immutable once saved.
 */
import type { PayoutPaths } from './payout-authority';
import type { AssignmentStrategy } from '../../db/schema/enum-values';

export type FieldType = 'string' | 'number' | 'money' | 'date' | 'boolean' | 'email';

/** A field of the case data, addressed by a dotted path ("claimant.name"). */
export type DataField = {
  path: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** Computed by an automated step, never supplied by the caller. */
  computed?: boolean;
  /** Bounds of a number or money field; money is always within 0 and MAX_MONEY (input-limits.ts). */
  min?: number;
  max?: number;
  /** Longest text accepted; MAX_STRING_LENGTH when unset, never more than MAX_TEXT_LENGTH. */
  maxLength?: number;
  pattern?: string;
};

export type FormField = {
  name: string;
  label: string;
  type: FieldType | 'text';
  required?: boolean;
  min?: number;
  max?: number;
  /** Longest text accepted (MAX_TEXT_LENGTH for `text`, MAX_STRING_LENGTH for `string` when unset). */
  maxLength?: number;
};

export type Outcome = {
  key: string;
  label: string;
  fields: FormField[];
  /** Step key to continue with; `null` closes the case; omitted continues with the next step in order. */
  next?: string | null;
  /** Resolution recorded on the case when this outcome closes it. */
  resolution?: string;
  /** Park the case until an external event or this many business hours pass. */
  waitForEvent?: { eventType: string; timeoutBusinessHours: number };
};

export type RetryPolicy = {
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
};

export type AutomatedStep = {
  kind: 'automated';
  key: string;
  name: string;
  handler: string;
  retry: RetryPolicy;
  /** Human step opened when the handler fails for good or reports invalid data. */
  onFailure: string;
  next?: string | null;
  /** Resolution recorded when this step succeeds and closes the case. */
  resolution?: string;
};

export type HumanStep = {
  kind: 'human';
  key: string;
  name: string;
  candidateGroupKey: string;
  slaPolicyKey: string;
  assignment: AssignmentStrategy;
  outcomes: Outcome[];
};

/** Evaluates the case type's routing rules; the matching rule picks the next step. */
export type RoutingStep = {
  kind: 'routing';
  key: string;
  name: string;
  /** Used when no rule matches. */
  defaultStep: string;
};

export type StepDefinition = AutomatedStep | HumanStep | RoutingStep;

export type CaseDefinition = {
  referencePrefix: string;
  fields: DataField[];
  /** Fields shown as the case's title and amount in lists. */
  display: { titlePath: string; amountPath?: string };
  firstStep: string;
  steps: StepDefinition[];
  /** Where the financial controls find the recommendation, coverage and deductible, and the approval step (payout-authority.ts has the defaults). */
  payout?: Partial<PayoutPaths>;
};

export function findStep(definition: CaseDefinition, key: string): StepDefinition | undefined {
  return definition.steps.find((s) => s.key === key);
}
