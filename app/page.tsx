import { redirect } from 'next/navigation';

export const dynamic = 'force-dynamic';

/** The inbox is the landing page; the proxy sends signed-out visitors to sign-in first. */
export default function HomePage() {
  redirect('/inbox');
}
