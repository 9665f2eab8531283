'use client';

import { signOut } from 'next-auth/react';
import { Button } from './ui';

export function SignOutButton() {
  return (
    <Button
      variant="subtle"
      size="sm"
      onClick={() => void signOut({ callbackUrl: '/signin' })}
      className="font-normal text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      Sign out
    </Button>
  );
}
