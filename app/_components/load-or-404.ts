import { notFound } from 'next/navigation';
import { DomainError } from '@/lib/errors';

/** Pages show the not-found page for objects the person may not see, exactly as for missing ones. */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'not_found' || e.code === 'forbidden')) notFound();
    throw e;
  }
}
