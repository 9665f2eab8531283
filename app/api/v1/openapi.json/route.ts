import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/http/openapi';

/** GET /api/v1/openapi.json — the API description; public, like any API reference. */
export function GET() {
  return NextResponse.json(openApiDocument, {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
