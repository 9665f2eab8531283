import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../db/client';
import { runMigrations } from '../../db/migrate';

/**
 * Migrates once per run: a PostgreSQL template database (DATABASE_URL set) or a PGlite
 * data-dir snapshot (embedded). Each test file then gets its own fresh copy in well under a second.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `handoff_tmpl_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    const u = new URL(url);
    u.pathname = `/${template}`;
    const handle = openPostgres(u.toString(), { max: 1 });
    await runMigrations(handle);
    await handle.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`handoff_t_${process.pid}_%`}`;
      for (const { datname } of leftovers)
        await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const handle = await openPglite(null);
  await runMigrations(handle);
  const blob = await handle.pglite!.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `handoff-pglite-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await handle.close();
  project.provide('pgTemplate', '');
  project.provide('pgliteSnapshot', file);
  return () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteSnapshot: string;
  }
}
