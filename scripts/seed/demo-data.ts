/** Who and what the demo holds: people, groups, claimant names and one scenario per case. */

export const DEMO_PASSWORD = 'handoff-demo';
export const DEMO_TOKEN = 'demo-intake-token';

export const demoUsers = [
  {
    email: 'adjuster@example.com',
    name: 'Alex Adjuster',
    role: 'adjuster',
    groups: ['claims-adjusters'],
  },
  {
    email: 'adjuster2@example.com',
    name: 'Bea Brooks',
    role: 'adjuster',
    groups: ['claims-adjusters'],
  },
  {
    email: 'senior@example.com',
    name: 'Sam Senior',
    role: 'adjuster',
    groups: ['senior-adjusters'],
  },
  {
    email: 'siu@example.com',
    name: 'Ivy Investigator',
    role: 'adjuster',
    groups: ['special-investigations'],
  },
  { email: 'intake@example.com', name: 'Ian Intake', role: 'adjuster', groups: ['claims-intake'] },
  {
    email: 'supervisor@example.com',
    name: 'Sue Supervisor',
    role: 'supervisor',
    groups: ['claims-supervisors'],
  },
  { email: 'admin@example.com', name: 'Ada Admin', role: 'admin', groups: ['claims-management'] },
] as const;

export const demoGroups = [
  { key: 'claims-adjusters', name: 'Claims adjusters', supervisor: 'supervisor@example.com' },
  { key: 'senior-adjusters', name: 'Senior adjusters', supervisor: 'supervisor@example.com' },
  { key: 'claims-supervisors', name: 'Claims supervisors', supervisor: 'supervisor@example.com' },
  { key: 'claims-intake', name: 'Claims intake', supervisor: 'supervisor@example.com' },
  {
    key: 'special-investigations',
    name: 'Special investigations',
    supervisor: 'admin@example.com',
  },
  // Approves payouts above the supervisors' authority (see authorityLimitSeeds).
  { key: 'claims-management', name: 'Claims management', supervisor: 'admin@example.com' },
] as const;

/** Authority limits per group, in whole units; null: without limit. */
export const authorityLimitSeeds: {
  groupKey: (typeof demoGroups)[number]['key'];
  max: number | null;
}[] = [
  { groupKey: 'claims-adjusters', max: 50_000 },
  { groupKey: 'special-investigations', max: 50_000 },
  { groupKey: 'senior-adjusters', max: 100_000 },
  { groupKey: 'claims-supervisors', max: 250_000 },
  { groupKey: 'claims-management', max: null },
];

/** mulberry32: the same seed gives the same demo every time. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST = [
  'Ada',
  'Tom',
  'Grace',
  'Linus',
  'Mae',
  'Omar',
  'Priya',
  'Jonas',
  'Lena',
  'Kofi',
  'Rosa',
  'Hiro',
  'Nina',
  'Ezra',
  'Ines',
  'Yusuf',
];
export const LAST = [
  'Byron',
  'Reed',
  'Hopper',
  'Park',
  'Jemison',
  'Haddad',
  'Nair',
  'Berg',
  'Schulz',
  'Mensah',
  'Diaz',
  'Tanaka',
  'Ivanova',
  'Cole',
  'Costa',
  'Aydin',
];

/** What each demo case looks like now; each entry becomes one case with a consistent history. */
export type Scenario =
  | {
      kind: 'open';
      step: string;
      assignee?: string;
      due: 'on_time' | 'due_soon' | 'overdue' | 'minutes';
      level?: 0 | 1 | 2;
      estimate?: number;
      fraud?: number;
    }
  | { kind: 'waiting' }
  | { kind: 'closed'; how: 'approved' | 'straight_through' | 'denied' }
  | { kind: 'payment_failure' }
  | { kind: 'fix_data' };

export const scenarios: Scenario[] = [
  ...Array.from({ length: 6 }, (): Scenario => ({
    kind: 'open',
    step: 'adjuster-review',
    due: 'on_time',
  })),
  { kind: 'open', step: 'adjuster-review', due: 'due_soon' },
  { kind: 'open', step: 'adjuster-review', due: 'minutes' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster@example.com', due: 'on_time' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster@example.com', due: 'on_time' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster@example.com', due: 'due_soon' },
  {
    kind: 'open',
    step: 'adjuster-review',
    assignee: 'adjuster@example.com',
    due: 'overdue',
    level: 1,
  },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster2@example.com', due: 'on_time' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster2@example.com', due: 'due_soon' },
  {
    kind: 'open',
    step: 'adjuster-review',
    assignee: 'adjuster2@example.com',
    due: 'overdue',
    level: 1,
  },
  { kind: 'open', step: 'adjuster-review', due: 'overdue', level: 1 },
  { kind: 'open', step: 'adjuster-review', due: 'overdue', level: 1 },
  { kind: 'open', step: 'adjuster-review', due: 'overdue', level: 2 },
  { kind: 'open', step: 'senior-review', due: 'on_time', estimate: 72000 },
  { kind: 'open', step: 'senior-review', due: 'due_soon', estimate: 64000 },
  {
    kind: 'open',
    step: 'senior-review',
    assignee: 'senior@example.com',
    due: 'on_time',
    estimate: 88000,
  },
  {
    kind: 'open',
    step: 'senior-review',
    assignee: 'senior@example.com',
    due: 'overdue',
    level: 1,
    estimate: 59000,
  },
  { kind: 'open', step: 'supervisor-approval', due: 'on_time', estimate: 70500 },
  { kind: 'open', step: 'supervisor-approval', due: 'due_soon', estimate: 91000 },
  { kind: 'open', step: 'fraud-review', due: 'on_time', fraud: 0.86 },
  { kind: 'open', step: 'fraud-review', assignee: 'siu@example.com', due: 'on_time', fraud: 0.93 },
  { kind: 'fix_data' },
  { kind: 'payment_failure' },
  { kind: 'waiting' },
  { kind: 'waiting' },
  ...Array.from({ length: 6 }, (): Scenario => ({ kind: 'closed', how: 'approved' })),
  { kind: 'closed', how: 'straight_through' },
  { kind: 'closed', how: 'straight_through' },
  { kind: 'closed', how: 'denied' },
  { kind: 'closed', how: 'denied' },
];

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60000);
}
