import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NOTIFY_QUEUE_DEGRADED_ABOVE,
  checkHealth,
  degradedSignals,
} from '../../lib/use-cases/check-health';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * The health check watches PostgreSQL's NOTIFY queue (push, migration 0011): when a listener
 * stops consuming, the queue fills, and once full every commit that announces a change fails.
 * Over half full is degraded: the instance keeps serving (status stays ok), operators are told.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe('health: the NOTIFY queue', () => {
  it('reports the queue usage on PostgreSQL (none on PGlite), not degraded when nearly empty', async () => {
    const report = await checkHealth(() => Promise.resolve(t));
    expect(report.status).toBe('ok');
    if (t.kind === 'postgres') {
      expect(report.notifyQueueUsage).toBeTypeOf('number');
      expect(report.notifyQueueUsage).toBeGreaterThanOrEqual(0);
      expect(report.notifyQueueUsage).toBeLessThan(NOTIFY_QUEUE_DEGRADED_ABOVE);
    } else {
      expect(report.notifyQueueUsage).toBeNull();
    }
    expect(report.degraded).toEqual([]);
  });

  it('is degraded above half full, and only then', () => {
    expect(degradedSignals({ notifyQueueUsage: 0.51 })).toEqual(['notify_queue']);
    expect(degradedSignals({ notifyQueueUsage: 1 })).toEqual(['notify_queue']);
    expect(degradedSignals({ notifyQueueUsage: 0.5 })).toEqual([]);
    expect(degradedSignals({ notifyQueueUsage: 0 })).toEqual([]);
    expect(degradedSignals({ notifyQueueUsage: null })).toEqual([]);
  });
});
