/**
 * The load of the intake benchmark (scripts/bench/intake.ts): the claim mix, and autocannon
 * posting it to /api/v1/cases with a fresh Idempotency-Key per request.
 */
import { CONNECTIONS } from './intake-floor';

/** A small deterministic PRNG (mulberry32), so every run sends the same mix. */
export function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Kind = 'adjuster' | 'fraud' | 'senior' | 'straight-through' | 'fix-data';
/** The mix: most claims go to the adjusters; some to fraud, seniors, straight through, fixing. */
export const MIX: [Kind, number][] = [
  ['adjuster', 0.6],
  ['fraud', 0.12],
  ['senior', 0.1],
  ['straight-through', 0.12],
  ['fix-data', 0.06],
];
const NAMES = ['Ada Byron', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov'];

/**
 * The data of an auto-claim (scripts/seed/auto-claim.ts) that routes to the adjusters: the
 * benchmark's claims and the intake tests' start from it. `n` numbers the claimant.
 */
export function autoClaim(n: number, overrides: Record<string, unknown> = {}) {
  return {
    policyNumber: 'POL-123456',
    claimant: { name: `${NAMES[n % NAMES.length]} ${n}`, email: `claimant${n}@example.com` },
    incidentDate: new Date().toISOString().slice(0, 10),
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    ...overrides,
  };
}

export function claimOf(kind: Kind, rand: () => number, n: number) {
  const base = autoClaim(n, {
    policyNumber: `POL-${String(100000 + Math.floor(rand() * 800000))}`,
    damageEstimate: 6000 + Math.round(rand() * 400) * 100,
    fraudScore: Math.round(rand() * 50) / 100,
  });
  switch (kind) {
    case 'adjuster':
      return base;
    case 'fraud':
      return { ...base, fraudScore: 0.8 + Math.round(rand() * 19) / 100 };
    case 'senior':
      return { ...base, damageEstimate: 60000 + Math.round(rand() * 300) * 100 };
    case 'straight-through':
      return { ...base, damageEstimate: 1500 + Math.round(rand() * 30) * 100 };
    case 'fix-data':
      // The deductible is above the coverage limit: validation opens "Fix claim data".
      return { ...base, deductible: 200000 };
  }
}

function pickKind(rand: () => number): Kind {
  let x = rand();
  for (const [kind, share] of MIX) {
    if ((x -= share) < 0) return kind;
  }
  return 'adjuster';
}

type AutocannonResult = {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requests: { total: number };
};
type AutocannonInstance = {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
};
type Autocannon = (
  opts: Record<string, unknown>,
  done: (err: unknown, result: AutocannonResult) => void,
) => AutocannonInstance;

async function loadAutocannon(): Promise<Autocannon> {
  // No type declarations ship with autocannon; the two calls used here are typed above.
  const specifier = 'autocannon';
  const mod = (await import(specifier)) as { default?: Autocannon } & Autocannon;
  return mod.default ?? mod;
}

export async function httpLoad(url: string, token: string, seconds: number, label: string) {
  const autocannon = await loadAutocannon();
  const rand = prng(label.length * 7919);
  let n = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/cases',
            setupRequest: (req: Record<string, unknown>) => {
              const i = n++;
              return {
                ...req,
                headers: {
                  authorization: `Bearer ${token}`,
                  'content-type': 'application/json',
                  'idempotency-key': `${label}-${process.pid}-${i}`,
                },
                body: JSON.stringify({
                  caseType: 'auto-claim',
                  data: claimOf(pickKind(rand), rand, i),
                }),
              };
            },
          },
        ],
      },
      (err, res) =>
        err ? reject(err instanceof Error ? err : new Error('autocannon failed')) : resolve(res),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 201) latencies.push(ms);
    });
  });
  return { result, latencies, statuses, throughput: result['2xx'] / result.duration };
}
