// The keyboard of a tab list (WAI-ARIA's tabs pattern): only the selected tab is in the tab order, and the arrow keys,
// Home and End move to another tab and select it.

/** The tab that a key press on the tab list selects, or null when the key is not one of the list's. */
export function tabFromKey<T>(key: string, tabs: readonly T[], current: T): T | null {
  const index = tabs.indexOf(current);
  if (key === 'ArrowRight' || key === 'ArrowDown') return tabs[(index + 1) % tabs.length]!;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return tabs[(index - 1 + tabs.length) % tabs.length]!;
  if (key === 'Home') return tabs[0]!;
  if (key === 'End') return tabs[tabs.length - 1]!;
  return null;
}

/** Props for a tab list's `onKeyDown`: selects the tab the key names and moves the keyboard to it (`id` of its button). */
export function tabListKeys<T extends string>(tabs: readonly T[], current: T, select: (tab: T) => void, id: (tab: T) => string) {
  return (event: KeyboardEvent) => {
    const next = tabFromKey(event.key, tabs, current);
    if (next === null) return;
    event.preventDefault();
    select(next);
    document.getElementById(id(next))?.focus();
  };
}
