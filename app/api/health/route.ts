import { NextResponse } from 'next/server';
import { getDatabase } from '@/lib/data/database';
import { checkHealth } from '@/lib/use-cases/check-health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const report = await checkHealth(getDatabase);
  return NextResponse.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
