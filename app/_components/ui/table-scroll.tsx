'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Lets a table wider than the screen (a phone) scroll sideways inside itself, so the page does
 * not. Only while it does scroll is it a named region a keyboard can focus and scroll; at
 * desktop widths it adds no tab stop. `relative` keeps absolutely placed text (the sr-only
 * words of a button) inside the box: without it that text would widen the page again. Focus
 * rings inside are drawn inset (globals.css) so its edges do not cut them off.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Reports once when observing starts, then on every change of the box or the table.
    const observer = new ResizeObserver(() => setScrolls(el.scrollWidth > el.clientWidth + 1));
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-scroll relative overflow-x-auto"
      {...(scrolls
        ? { role: 'region', 'aria-label': `${label} (scrolls sideways)`, tabIndex: 0 }
        : {})}
    >
      {children}
    </div>
  );
}
