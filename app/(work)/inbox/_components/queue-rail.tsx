import type { Queue } from './inbox-data';

/** The queues down the left, each with its live count; the open one is marked as current. */
export function QueueRail({
  queues,
  current,
  onSelect,
}: {
  queues: Queue[];
  current: string;
  onSelect: (key: string) => void;
}) {
  return (
    <nav
      aria-label="Queues"
      className="w-52 shrink-0 border-r border-zinc-200 px-2 py-4 dark:border-zinc-800"
    >
      <ul className="space-y-0.5">
        {queues.map((x) => (
          <li key={x.key}>
            <button
              type="button"
              onClick={() => onSelect(x.key)}
              aria-current={x.key === current ? 'page' : undefined}
              className="flex w-full items-center justify-between rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 aria-[current=page]:bg-accent-50 aria-[current=page]:font-medium aria-[current=page]:text-accent-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
            >
              <span className="truncate">{x.label}</span>
              <span
                className="tabular text-xs text-zinc-500 dark:text-zinc-400"
                data-testid={`count-${x.key.startsWith('group:') ? x.label : x.key}`}
              >
                {x.count}
                <span className="sr-only"> tasks</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
