import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as openApiRoute from '../../app/api/v1/openapi.json/route';

/**
 * The document the app serves (GET /api/v1/openapi.json) passes `redocly lint` — the recommended
 * ruleset plus the stricter rules in redocly.yaml (operationId, description, defined tags, 4xx
 * responses, security, license) — with no error and no warning.
 */
const root = path.resolve(__dirname, '../..');
const redocly = path.join(root, 'node_modules/.bin/redocly');

describe('the served OpenAPI document', () => {
  it('lints clean with @redocly/cli (no errors, no warnings)', async () => {
    const res = openApiRoute.GET();
    expect(res.status).toBe(200);
    const doc = await res.json();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    try {
      const { stdout } = await promisify(execFile)(
        redocly,
        ['lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'json'],
        {
          cwd: root,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          maxBuffer: 32 * 1024 * 1024,
        },
      ).catch((e: { stdout?: string; stderr?: string }) => ({
        stdout: e.stdout ?? '',
        stderr: e.stderr,
      }));
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string; location: { pointer?: string }[] }[];
      };
      const problems = report.problems.map(
        (p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`,
      );
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('describes the outbound events (webhooks) with their payload schemas', async () => {
    const doc = await openApiRoute.GET().json();
    expect(Object.keys(doc.webhooks ?? {}).length).toBeGreaterThan(0);
    expect(doc.components.schemas.WebhookEvent).toBeDefined();
  });
});
