/** A unique constraint refused the insert (PostgreSQL 23505), however deep drizzle wrapped it. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur = e, i = 0; cur && i < 5; i++, cur = (cur as { cause?: unknown }).cause) {
    if ((cur as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
