'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { Button } from './ui';

export function SignOutButton() {
  const router = useRouter();
  return (
    <Button
      variant="subtle"
      size="sm"
      // Not signOut's own redirect: next-auth builds it from NEXTAUTH_URL, which would move
      // someone who opened Handoff at another address (127.0.0.1, a LAN name) to localhost.
      onClick={() =>
        void signOut({ redirect: false }).then(() => {
          router.replace('/signin');
          router.refresh();
        })
      }
      className="font-normal text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      Sign out
    </Button>
  );
}
