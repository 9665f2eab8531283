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
