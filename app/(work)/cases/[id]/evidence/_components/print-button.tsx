'use client';

import { Button } from '@/app/_components/ui';

/** Opens the browser's print dialog (the page's print styles leave out the navigation). */
export function PrintButton() {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      Print
    </Button>
  );
}
