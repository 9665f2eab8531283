/**
 * `npm run admin:create -- --email you@example.com [--name "Your Name"]`: creates an admin on the
 * configured database (migrating it first, never seeding the demo). The password is asked for
 * twice on a terminal, or read from the first line of standard input
 * (`printf '%s\n' "$PASSWORD" | npm run admin:create -- --email …`); never from the command
 * line, where other users of the machine and the shell history would see it.
 */
import { migrateDatabase, openConfiguredDatabase } from '../lib/data/database';
import { DomainError } from '../lib/errors';
import { createAdminAccount } from '../lib/use-cases/create-admin-account';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Reads one line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\u0003') {
          process.stdout.write('\n');
          process.exit(130);
        } else if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        } else if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden('Password for the new admin: ');
    const again = await promptHidden('The same password again: ');
    if (first !== again) throw new Error('The two passwords differ; nothing was created.');
    return first;
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

async function main() {
  if (process.argv.some((a) => a === '--password' || a.startsWith('--password=')))
    throw new Error(
      'Do not pass the password on the command line (others can read it in the process list and ' +
        'the shell history). Run without --password to be asked for it, or pipe it on stdin.',
    );
  const email = arg('--email');
  if (!email)
    throw new Error('Usage: npm run admin:create -- --email you@example.com [--name "Your Name"]');
  const name = arg('--name') ?? email.split('@')[0] ?? 'Administrator';
  const password = await readPassword();
  const handle = await openConfiguredDatabase();
  try {
    await migrateDatabase(handle);
    const admin = await createAdminAccount(handle.db, { email, name, password });
    console.log(
      `Admin ${admin.email} created. Sign in with this e-mail and the password you chose.`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  if (e instanceof DomainError) {
    const fields = Object.entries(e.fields ?? {}).map(([f, p]) => `  ${f}: ${p}`);
    console.error([e.message, ...fields].join('\n'));
  } else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
