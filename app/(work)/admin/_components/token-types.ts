import type { ApiScope } from '@/lib/auth/api-token';
import type { listApiTokens } from '@/lib/use-cases/list-api-tokens';
import type { Serialized } from '@/lib/serialize';

/** An API token as the admin page lists it (never its hash or plaintext). */
export type TokenRow = Serialized<Awaited<ReturnType<typeof listApiTokens>>>[number];
export type { ApiScope };
