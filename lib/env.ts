import path from 'node:path';
import { z } from 'zod';
import { parseOidcGroupMap } from './domain/oidc-claims';

const DEFAULT_POOL_MAX = 10;
/** An upload is held in memory while it is read (lib/http/multipart.ts), so its size is capped. */
export const MAX_DOCUMENT_BYTES_CAP = 100 * 1024 * 1024;
const MAX_DOCUMENT_BYTES_RULE = `must be a whole number of bytes from 1024 to ${MAX_DOCUMENT_BYTES_CAP} (100 MiB)`;
const POOL_MAX_RULE = 'must be a whole number from 1 to 1000 (connections per process)';

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
  /**
   * The tables' owner, for migrations (and the grants to DATABASE_URL's role that follow them).
   * Unset: migrations run through DATABASE_URL (one role for everything, as in the demo).
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Connections each process (web server, scheduler) keeps open to PostgreSQL at most. Every
   * instance holds up to this many: instances × DATABASE_POOL_MAX must stay below the server's
   * max_connections minus headroom for migrations, psql and replication (docs/scaling.md).
   */
  DATABASE_POOL_MAX: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: POOL_MAX_RULE })
      .int(POOL_MAX_RULE)
      .min(1, POOL_MAX_RULE)
      .max(1000, POOL_MAX_RULE)
      .default(DEFAULT_POOL_MAX),
  ),
  HANDOFF_DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HANDOFF_SEED_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),
  HANDOFF_SCHEDULER: z.enum(['auto', 'on', 'off']).default('auto'),
  HANDOFF_CRON: z.string().min(1).default('* * * * *'),
  HANDOFF_DEMO_DUE_SOON_SECONDS: z.coerce.number().int().min(5).optional(),
  HANDOFF_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Address the server listens on: loopback unless set (0.0.0.0 or :: for every interface). */
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** `yes`: listen on a non-loopback address although the demo sign-ins still work. */
  HANDOFF_ALLOW_DEMO_ON_NETWORK: z.enum(['yes', 'no']).default('no'),
  /** Largest request body a JSON route reads, in bytes; a longer one is a 413 (default 1 MiB). */
  HANDOFF_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /** Largest document (photo, PDF, estimate) one upload may carry, in bytes (default 10 MiB, at most 100 MiB). */
  HANDOFF_MAX_DOCUMENT_BYTES: z.coerce
    .number({ error: MAX_DOCUMENT_BYTES_RULE })
    .int(MAX_DOCUMENT_BYTES_RULE)
    .min(1024, MAX_DOCUMENT_BYTES_RULE)
    .max(MAX_DOCUMENT_BYTES_CAP, MAX_DOCUMENT_BYTES_RULE)
    .default(10 * 1024 * 1024),
  /**
   * Where document bytes are kept: `database` (chunks in PostgreSQL, nothing shared to set up
   * between web instances) or `filesystem` (HANDOFF_DOCUMENT_DIR, which every instance must share).
   */
  HANDOFF_DOCUMENT_STORAGE: z.enum(['database', 'filesystem']).default('database'),
  /** Outbound events: attempts before a delivery is dead (the dead-letter list). */
  HANDOFF_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Outbound events: seconds a receiver has to answer. */
  HANDOFF_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** Outbound events: first backoff (seconds) and its cap, doubled per attempt with full jitter. */
  HANDOFF_WEBHOOK_BACKOFF_BASE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  HANDOFF_WEBHOOK_BACKOFF_MAX_SECONDS: z.coerce.number().min(0).max(86_400).default(21_600),
  /** Outbound events: allow loopback/private/link-local receiver addresses (SSRF guard off). */
  HANDOFF_WEBHOOK_ALLOW_PRIVATE: z.enum(['yes', 'no']).default('no'),
  /** The directory of `filesystem` document storage (default HANDOFF_DATA_DIR/documents). */
  HANDOFF_DOCUMENT_DIR: z.string().min(1).optional(),
  /** Open event streams per person (tabs, devices); opening one more ends their oldest. */
  HANDOFF_MAX_STREAMS_PER_PERSON: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Audit checkpoint signing keys as "id:secret,id:secret" (the last signs); see README. */
  HANDOFF_AUDIT_KEYS: z.string().optional(),
  /** A file of "id secret" lines (the last signs); takes precedence over HANDOFF_AUDIT_KEYS. */
  HANDOFF_AUDIT_KEY_FILE: z.string().min(1).optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /**
   * Single sign-on through an OpenID Connect provider (lib/auth/oidc-provider.ts): on when
   * HANDOFF_OIDC_ISSUER is set, which then needs the client id and secret too.
   */
  HANDOFF_OIDC_ISSUER: z
    .string()
    .regex(/^https?:\/\/[^?#\s]+$/, "must be the provider's issuer URL (http:// or https://)")
    .optional()
    .or(z.literal('').transform(() => undefined)),
  HANDOFF_OIDC_CLIENT_ID: z
    .string()
    .trim()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  HANDOFF_OIDC_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The provider's name on the sign-in button: "Sign in with <name>". */
  HANDOFF_OIDC_NAME: z.string().trim().min(1).max(60).default('single sign-on'),
  HANDOFF_OIDC_SCOPES: z
    .string()
    .trim()
    .regex(/(^|\s)openid(\s|$)/, 'must include openid (e.g. "openid email profile")')
    .default('openid email profile'),
  /** `on`: a person the provider vouches for but Handoff does not know gets an account. */
  HANDOFF_OIDC_CREATE_USERS: z.enum(['on', 'off']).default('off'),
  /** The role of accounts created at sign-in; never admin (an admin grants that by hand). */
  HANDOFF_OIDC_DEFAULT_ROLE: z
    .enum(['adjuster', 'supervisor'], { error: 'must be adjuster or supervisor' })
    .default('adjuster'),
  /** The ID-token claim listing the person's groups (a dotted path for nested claims). */
  HANDOFF_OIDC_GROUPS_CLAIM: z.string().trim().min(1).default('groups'),
  /** Provider group → Handoff group key, "claims-team=claims-adjusters,…"; others are ignored. */
  HANDOFF_OIDC_GROUP_MAP: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const parsed = parseOidcGroupMap(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
      return parsed.ok ? parsed.map : [];
    }),
  /** `off`: single sign-on only (needs HANDOFF_OIDC_ISSUER); the demo keeps passwords on. */
  HANDOFF_PASSWORD_SIGN_IN: z.enum(['on', 'off']).default('on'),
  HANDOFF_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be an http:// or https:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
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
  const sso = signInSettingProblems(parsed.data);
  if (sso.length)
    throw new Error(`Invalid environment configuration:\n${sso.map((p) => `  ${p}`).join('\n')}`);
  cached = parsed.data;
  return cached;
}

/** Settings that are only wrong together: single sign-on half configured, or no way to sign in. */
function signInSettingProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.HANDOFF_OIDC_ISSUER) {
    if (!env.HANDOFF_OIDC_CLIENT_ID)
      problems.push('HANDOFF_OIDC_CLIENT_ID: is required when HANDOFF_OIDC_ISSUER is set');
    if (!env.HANDOFF_OIDC_CLIENT_SECRET)
      problems.push('HANDOFF_OIDC_CLIENT_SECRET: is required when HANDOFF_OIDC_ISSUER is set');
  } else if (env.HANDOFF_OIDC_CLIENT_ID || env.HANDOFF_OIDC_CLIENT_SECRET)
    problems.push('HANDOFF_OIDC_ISSUER: is required when an OIDC client id or secret is set');
  if (env.HANDOFF_PASSWORD_SIGN_IN === 'off' && !env.HANDOFF_OIDC_ISSUER)
    problems.push(
      'HANDOFF_PASSWORD_SIGN_IN: can be off only with single sign-on configured (HANDOFF_OIDC_ISSUER), or nobody could sign in',
    );
  return problems;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * Where people reach this installation, for links that leave the app (e-mails): HANDOFF_PUBLIC_URL,
 * else NEXTAUTH_URL, else http://localhost:$PORT. No trailing slash.
 */
export function publicUrl(): string {
  const env = getEnv();
  return (env.HANDOFF_PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(
    /\/+$/,
    '',
  );
}

/**
 * A production server must sign sessions with a secret of its own: `npm start` generates one for
 * the local demo and passes it on; any other production start without NEXTAUTH_SECRET stops here
 * with a message that says what to do (next-auth would otherwise fail at the first sign-in).
 */
export function assertSessionSecret(): void {
  if (process.env.NODE_ENV !== 'production' || getEnv().NEXTAUTH_SECRET) return;
  throw new Error(
    'NEXTAUTH_SECRET is not set. In production Handoff needs a secret to sign sessions: set ' +
      'NEXTAUTH_SECRET to a long random value (e.g. `openssl rand -base64 32`), or start the local ' +
      'demo with `npm start`, which generates one in HANDOFF_DATA_DIR.',
  );
}

/** `next dev` (React needs eval there for its debugging aids; a production build never does). */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === 'development';
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
