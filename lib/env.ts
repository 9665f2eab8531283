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
  /**
   * Kill switches of the scheduler's jobs, from HANDOFF_JOB_<NAME>=off (e.g.
   * HANDOFF_JOB_EMAIL_DELIVERY=off): job key → whether it runs. Any value but "off" leaves it on.
   */
  HANDOFF_JOBS: z.record(
    z.string(),
    z.string().transform((v) => v !== 'off'),
  ),
});

export type Env = z.infer<typeof schema>;

const JOB_SWITCH = /^HANDOFF_JOB_([A-Z0-9_]+)$/;

/** process.env with the HANDOFF_JOB_* variables gathered into one map for the schema. */
function readEnvironment(): Record<string, unknown> {
  const jobs: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    const key = JOB_SWITCH.exec(name)?.[1];
    if (key && value !== undefined) jobs[key] = value;
  }
  return { ...process.env, HANDOFF_JOBS: jobs };
}

let cached: Env | undefined;

/**
 * The validated configuration, read from the environment at the first call and kept (a server
 * reads it after `npm start` has set NEXTAUTH_SECRET). Throws, naming each problem, when invalid.
 */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(readEnvironment());
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

/**
 * The log level even when the rest of the configuration is invalid: the log is how that
 * problem gets reported. An invalid LOG_LEVEL itself falls back to info.
 */
export function logLevel(): Env['LOG_LEVEL'] {
  if (cached) return cached.LOG_LEVEL;
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    const level = schema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL);
    return level.success ? level.data : 'info';
  }
}
