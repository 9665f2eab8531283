/** The routing-rule draft the rule editor sends (saved or previewed). */
import { z } from 'zod';
import { COMPARISON_OPERATORS, type RuleCondition } from '../domain/routing-rule-types';
import { prioritySchema } from './enums';

const leaf = z
  .object({
    field: z.string().min(1, 'is required'),
    op: z.enum(COMPARISON_OPERATORS),
    value: z
      .union([
        z.string(),
        z.number(),
        z.boolean(),
        z.array(z.union([z.string(), z.number()])),
        z.null(),
      ])
      .optional(),
  })
  .strict();

export const conditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema) }).strict(),
    z.object({ any: z.array(conditionSchema) }).strict(),
    leaf,
  ]),
);

const actionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('route_to_group'),
      groupKey: z.string().min(1),
      stepKey: z.string().min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('route_to_user'),
      userEmail: z.string().email(),
      stepKey: z.string().min(1),
    })
    .strict(),
  z.object({ type: z.literal('set_priority'), priority: prioritySchema }).strict(),
  z.object({ type: z.literal('override_sla'), slaPolicyKey: z.string().min(1) }).strict(),
  z.object({ type: z.literal('add_approval_step'), stepKey: z.string().min(1) }).strict(),
  z.object({ type: z.literal('straight_through'), stepKey: z.string().min(1) }).strict(),
]);

export const ruleDraftSchema = z
  .object({
    caseType: z.string().min(1).default('auto-claim'),
    ruleId: z.string().uuid().nullable().optional(),
    name: z.string().trim().min(3, 'must be at least 3 characters').max(120),
    description: z.string().trim().max(500).optional().default(''),
    condition: conditionSchema,
    actions: z.array(actionSchema).min(1, 'must contain at least one action'),
    active: z.boolean().default(true),
    /** The version the editor started from; a different current version means someone else saved first. */
    expectedVersion: z.number().int().positive().optional(),
    /** A new rule goes before this rule of the case type; without it, it goes last. */
    insertBefore: z.string().uuid('must be a rule id').nullable().optional(),
  })
  .strict();
export type RuleDraft = z.infer<typeof ruleDraftSchema>;
