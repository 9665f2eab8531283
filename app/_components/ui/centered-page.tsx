import type { ReactNode } from 'react';

/** The page shell of screens outside the signed-in layout (sign-in, not found): brand and title. */
export function CenteredPage({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <main
      id="main"
      className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950"
    >
      <div className="w-full max-w-sm">
        <p className="text-sm font-semibold text-accent-600 dark:text-accent-100">Handoff</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">{title}</h1>
        {children}
      </div>
    </main>
  );
}
