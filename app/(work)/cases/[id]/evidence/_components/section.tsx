import type { ReactNode } from 'react';

/** A titled part of the evidence page; it starts a printed page only when it must. */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="evidence-section mt-8 first:mt-0">
      <h2
        id={id}
        className="mb-3 border-b border-zinc-200 pb-1 text-base font-semibold dark:border-zinc-800"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Label and value pairs, two columns. */
export function Facts({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[12rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
