/* eslint-disable no-restricted-properties -- the test of lib/env.ts sets the variables getEnv() reads */
import { afterEach, describe, expect, it } from 'vitest';
import { getEnv, resetEnvCache } from './env';

const saved = process.env.DATABASE_POOL_MAX;

function poolMax(value: string | undefined): number {
  resetEnvCache();
  if (value === undefined) delete process.env.DATABASE_POOL_MAX;
  else process.env.DATABASE_POOL_MAX = value;
  return getEnv().DATABASE_POOL_MAX;
}

afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_POOL_MAX;
  else process.env.DATABASE_POOL_MAX = saved;
  resetEnvCache();
});

describe('DATABASE_POOL_MAX', () => {
  it('defaults to 10 connections per process, also when set empty', () => {
    expect(poolMax(undefined)).toBe(10);
    expect(poolMax('')).toBe(10);
  });

  it('takes a whole number from 1 to 1000', () => {
    expect(poolMax('1')).toBe(1);
    expect(poolMax('25')).toBe(25);
    expect(poolMax('1000')).toBe(1000);
  });

  it.each(['0', '-5', '2.5', 'ten', '1001'])('refuses %j at start, naming the variable', (v) => {
    expect(() => poolMax(v)).toThrow(
      /Invalid environment configuration:\n\s+DATABASE_POOL_MAX: must be a whole number from 1 to 1000/,
    );
  });
});

describe('HANDOFF_MAX_DOCUMENT_BYTES', () => {
  const savedMax = process.env.HANDOFF_MAX_DOCUMENT_BYTES;
  afterEach(() => {
    if (savedMax === undefined) delete process.env.HANDOFF_MAX_DOCUMENT_BYTES;
    else process.env.HANDOFF_MAX_DOCUMENT_BYTES = savedMax;
    resetEnvCache();
  });
  function maxDocument(value: string | undefined): number {
    resetEnvCache();
    if (value === undefined) delete process.env.HANDOFF_MAX_DOCUMENT_BYTES;
    else process.env.HANDOFF_MAX_DOCUMENT_BYTES = value;
    return getEnv().HANDOFF_MAX_DOCUMENT_BYTES;
  }

  it('defaults to 10 MiB and takes up to 100 MiB', () => {
    expect(maxDocument(undefined)).toBe(10 * 1024 * 1024);
    expect(maxDocument('1024')).toBe(1024);
    expect(maxDocument(String(100 * 1024 * 1024))).toBe(100 * 1024 * 1024);
  });

  it.each([String(100 * 1024 * 1024 + 1), String(1024 * 1024 * 1024), '1023', '2.5', 'lots'])(
    'refuses %j at start, naming the variable and the 100 MiB cap',
    (v) => {
      expect(() => maxDocument(v)).toThrow(
        /HANDOFF_MAX_DOCUMENT_BYTES: must be a whole number of bytes from 1024 to 104857600 \(100 MiB\)/,
      );
    },
  );
});
