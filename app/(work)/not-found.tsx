import type { Metadata } from 'next';
import { NotFoundBody } from '../_components/not-found-body';

export const metadata: Metadata = { title: 'Not found' };

/**
 * A task, case or console page the person may not open (or that does not exist), inside the
 * signed-in shell: their navigation stays, and a link leads back to the inbox.
 */
export default function WorkNotFound() {
  return <NotFoundBody />;
}
