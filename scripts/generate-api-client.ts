/**
 * Writes the TypeScript types of the public API (/api/v1) from the OpenAPI document the app
 * serves (lib/http/openapi.ts), with openapi-typescript, to tests/generated/handoff-api.ts.
 * A client types itself with them: `createClient<paths>()` from openapi-fetch.
 *
 *   npm run api:client           writes the file
 *   npm run api:client -- --check exits 1 when the committed file is stale
 *
 * tests/integration/api-client.test.ts fails when the committed file differs from a fresh
 * generation, so the types cannot drift from the document.
 */
import fs from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import prettier from 'prettier';
import { openApiDocument } from '../lib/http/openapi';

export const API_CLIENT_FILE = path.resolve(__dirname, '../tests/generated/handoff-api.ts');

const HEADER = `/**
 * Types of the Handoff public API (/api/v1), generated from lib/http/openapi.ts by
 * scripts/generate-api-client.ts (npm run api:client). Do not edit by hand.
 */
`;

/** The file's text as a fresh generation writes it (formatted like the rest of the code). */
export async function generateApiClient(): Promise<string> {
  // A deep copy: openapi-typescript may annotate the object it is given.
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument)) as OpenAPI3);
  const text = HEADER + astToString(ast);
  const options = (await prettier.resolveConfig(API_CLIENT_FILE)) ?? {};
  return prettier.format(text, { ...options, plugins: [], filepath: API_CLIENT_FILE });
}

async function main() {
  const fresh = await generateApiClient();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(API_CLIENT_FILE) ? fs.readFileSync(API_CLIENT_FILE, 'utf8') : '';
    if (current !== fresh) {
      console.error(`${API_CLIENT_FILE} is stale: run npm run api:client`);
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(API_CLIENT_FILE), { recursive: true });
  fs.writeFileSync(API_CLIENT_FILE, fresh);
  console.log(`wrote ${path.relative(process.cwd(), API_CLIENT_FILE)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
