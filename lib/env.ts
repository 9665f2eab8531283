import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Handoff reads, validated in one place.
 * The README's configuration table mirrors this schema.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  HANDOFF_DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HANDOFF_SEED_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),
  HANDOFF_SCHEDULER: z.enum(['auto', 'on', 'off']).default('auto'),
  HANDOFF_CRON: z.string().min(1).default('* * * * *'),
  HANDOFF_DEMO_DUE_SOON_SECONDS: z.coerce.number().int().min(5).optional(),
  HANDOFF_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Handoff <handoff@localhost>'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function dataDir(): string {
  return path.resolve(getEnv().HANDOFF_DATA_DIR);
}

export function isEmbedded(): boolean {
  return !getEnv().DATABASE_URL;
}
