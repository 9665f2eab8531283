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
  /**
   * Sticky follow-ups: a task of this step goes to the person who last completed a task of the
   * same case in the task's group, when they are active, still a member and not out of office;
   * otherwise to the group queue (never to their delegate, never by `assignment`). Only when
   * nobody of the group has handled the case yet does `assignment` pick.
   */
  sticky?: boolean;
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

/** Problems with the sticky flags of a definition (a boolean on human steps only), by step key. */
export function stickyProblems(definition: CaseDefinition): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const step of definition.steps) {
    const sticky = (step as { sticky?: unknown }).sticky;
    if (sticky === undefined) continue;
    if (step.kind !== 'human') problems[step.key] = 'only human steps can be sticky';
    else if (typeof sticky !== 'boolean') problems[step.key] = 'sticky must be true or false';
  }
  return problems;
}
