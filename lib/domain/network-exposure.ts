/**
 * Whether the server may listen where it was asked to. The demo seeds well-known sign-ins
 * (every demo user's password is "handoff-demo") and a never-expiring API token; on a loopback
 * address only this machine can use them, on any other address everyone on the network can.
 */

/** localhost, 127.0.0.0/8 and ::1 (in any spelling); 0.0.0.0, ::, host names and LAN addresses are not. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === 'localhost.') return true;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) && v4[1] === '127';
  return /^(?:0{0,4}:){2,7}0{0,3}1$/.test(h) && h.replace(/[0:]/g, '') === '1';
}

export type DemoCredentials = {
  /** Active demo accounts whose password is still the demo password. */
  usersWithDemoPassword: string[];
  /** The demo API token exists, is not revoked and has not expired. */
  demoTokenActive: boolean;
};

export type ListenDecision =
  { allowed: true; warning?: string } | { allowed: false; message: string };

export const ALLOW_DEMO_VARIABLE = 'HANDOFF_ALLOW_DEMO_ON_NETWORK';

/** Only a non-loopback address needs the database checked for demo credentials. */
export function needsDemoCheck(host: string): boolean {
  return !isLoopbackHost(host);
}

export function decideListen(input: {
  host: string;
  allowDemoOnNetwork: boolean;
  /** Null when not checked (a loopback host needs no check). */
  demo: DemoCredentials | null;
}): ListenDecision {
  if (isLoopbackHost(input.host)) return { allowed: true };
  const demo = input.demo;
  if (!demo) return { allowed: false, message: 'The demo credentials were not checked.' };
  const exposed = [
    ...demo.usersWithDemoPassword.map((e) => `${e} (password "handoff-demo")`),
    ...(demo.demoTokenActive ? ['API token "demo-intake-token"'] : []),
  ];
  if (!exposed.length) return { allowed: true };
  const what = exposed.join(', ');
  if (input.allowDemoOnNetwork)
    return {
      allowed: true,
      warning: `Listening on ${input.host} with the demo credentials still working (${ALLOW_DEMO_VARIABLE}=yes): ${what}. Anyone who can reach this address can sign in with them.`,
    };
  return {
    allowed: false,
    message: [
      `Refusing to listen on ${input.host}: the demo credentials still work and anyone on the network could use them:`,
      `  ${what}`,
      'Either',
      '  - listen on this machine only (leave HOST unset, or HOST=127.0.0.1), or',
      '  - run a real installation: HANDOFF_SEED_ON_START=never on a new database and create the first',
      '    admin with `npm run admin:create -- --email you@example.com` (see README, "Going to production"), or',
      '  - deactivate those users (/admin/users) and revoke the demo token (/admin), or',
      `  - accept the risk for a throw-away demo: ${ALLOW_DEMO_VARIABLE}=yes.`,
    ].join('\n'),
  };
}
