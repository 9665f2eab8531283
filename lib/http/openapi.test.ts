import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

/** Every route under app/api/v1 (except this document) is described, and nothing else is. */
function routes(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === 'openapi.json') continue;
    const seg = e.name.replace(/^\[(.+)\]$/, '{$1}');
    const sub = path.join(dir, e.name);
    if (fs.existsSync(path.join(sub, 'route.ts'))) out.push(`${prefix}/${seg}`);
    out.push(...routes(sub, `${prefix}/${seg}`));
  }
  return out;
}

describe('OpenAPI document', () => {
  it('describes exactly the routes under /api/v1, with their methods', () => {
    const dir = path.resolve(__dirname, '../../app/api/v1');
    expect(Object.keys(openApiDocument.paths).sort()).toEqual(routes(dir).sort());
    for (const [p, ops] of Object.entries(openApiDocument.paths)) {
      const file = fs.readFileSync(
        path.join(dir, p.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts'),
        'utf8',
      );
      for (const method of Object.keys(ops))
        expect(file, `${method.toUpperCase()} ${p}`).toMatch(
          new RegExp(`export const ${method.toUpperCase()}\\b`),
        );
    }
  });

  it('gives every operation a unique operationId, tags, a description and its 4xx responses', () => {
    const ids = new Set<string>();
    for (const [p, ops] of Object.entries(openApiDocument.paths))
      for (const [method, op] of Object.entries(ops as Record<string, Record<string, unknown>>)) {
        const where = `${method.toUpperCase()} ${p}`;
        expect(op.operationId, where).toEqual(expect.any(String));
        expect(ids.has(op.operationId as string), where).toBe(false);
        ids.add(op.operationId as string);
        expect((op.tags as string[]).length, where).toBeGreaterThan(0);
        expect(op.description, where).toEqual(expect.any(String));
        expect(Object.keys(op.responses as object), where).toEqual(
          expect.arrayContaining(['400', '401', '403']),
        );
      }
  });
});
