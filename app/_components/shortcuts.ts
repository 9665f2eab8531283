/**
 * Every keyboard shortcut, by page. The key handlers match key presses through these entries
 * and the `?` overlay lists them, so what the overlay says is what the keys do.
 */

type Shortcut = {
  /** The keys as shown, each one alternative ("j" or "↓"). */
  keys: readonly string[];
  description: string;
  /** Whether a key press triggers it (modifier keys included). */
  matches: (e: KeyboardEvent) => boolean;
};

const noModifier = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const plain =
  (...keys: string[]) =>
  (e: KeyboardEvent) =>
    noModifier(e) && keys.includes(e.key);

export const GLOBAL_SHORTCUTS = {
  help: { keys: ['?'], description: 'Show these keyboard shortcuts', matches: plain('?') },
  leave: {
    keys: ['Esc'],
    description: 'Close a dialog, or leave a search box or text field',
    // Handled by the dialog or the field itself; listed so the overlay tells about it.
    matches: () => false,
  },
} as const satisfies Record<string, Shortcut>;

export const INBOX_SHORTCUTS = {
  next: { keys: ['j', '↓'], description: 'Select the next task', matches: plain('j', 'ArrowDown') },
  previous: {
    keys: ['k', '↑'],
    description: 'Select the previous task',
    matches: plain('k', 'ArrowUp'),
  },
  open: {
    keys: ['Enter'],
    description: 'Open the selected task (or click anywhere on its row)',
    matches: plain('Enter'),
  },
  claim: { keys: ['c'], description: 'Claim the selected task', matches: plain('c') },
  claimNext: {
    keys: ['n'],
    description: 'Next: claim and open the most urgent task waiting for you',
    matches: plain('n'),
  },
  search: {
    keys: ['/'],
    description: 'Search the queue',
    matches: plain('/'),
  },
} as const satisfies Record<string, Shortcut>;

export const TASK_SHORTCUTS = {
  complete: {
    keys: ['Ctrl Enter', '⌘ Enter'],
    description:
      'Complete the task with the chosen outcome, from anywhere on the page (in the comment box it stays the comment’s)',
    matches: (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey,
  },
  outcome: {
    keys: ['1 … 9'],
    description: 'Choose the first, second, third… outcome of the decision',
    matches: (e) => noModifier(e) && /^[1-9]$/.test(e.key),
  },
  claim: { keys: ['c'], description: 'Claim the task', matches: plain('c') },
  back: {
    keys: ['Esc', 'u'],
    description: 'Back to the inbox: the same queue, filters and selected task',
    matches: plain('Escape', 'u'),
  },
} as const satisfies Record<string, Shortcut>;

/** The shortcut a key press triggers among these, or null. */
export function matchShortcut<K extends string>(
  shortcuts: Record<K, Shortcut>,
  e: KeyboardEvent,
): K | null {
  for (const id of Object.keys(shortcuts) as K[]) if (shortcuts[id].matches(e)) return id;
  return null;
}

export type ShortcutSection = { id: string; title: string; shortcuts: readonly Shortcut[] };

/** What the overlay lists on a page: that page's shortcuts first, then those of every page. */
export function shortcutSectionsFor(pathname: string): ShortcutSection[] {
  const page: ShortcutSection[] = pathname.startsWith('/inbox')
    ? [{ id: 'inbox', title: 'Inbox', shortcuts: Object.values(INBOX_SHORTCUTS) }]
    : pathname.startsWith('/tasks/')
      ? [{ id: 'task', title: 'Task', shortcuts: Object.values(TASK_SHORTCUTS) }]
      : [];
  return [
    ...page,
    { id: 'global', title: 'Every page', shortcuts: Object.values(GLOBAL_SHORTCUTS) },
  ];
}
