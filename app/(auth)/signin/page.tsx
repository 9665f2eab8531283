import type { Metadata } from 'next';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths: never bounce a person to another origin after sign-in.
  const target = callbackUrl && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : safePath(callbackUrl);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="w-full max-w-sm">
        <p className="text-sm font-semibold text-accent-600 dark:text-accent-100">Handoff</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">Sign in to your work</h1>
        <SignInForm callbackUrl={target} initialError={error && error !== 'SessionRequired' ? error : null} />
      </div>
    </main>
  );
}

function safePath(url: string | undefined): string {
  if (!url) return '/inbox';
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}` || '/inbox';
  } catch {
    return '/inbox';
  }
}
