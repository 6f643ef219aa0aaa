// Persistent storage for the reader's notes: asked for from our own pages (the background, a worker, cannot ask).

export type Persistence = 'persistent' | 'best-effort' | 'unknown';

/**
 * Asks the browser to keep our storage when it needs space, and says what it granted. Firefox grants an extension
 * origin at once, without a prompt; Chromium answers no to extensions, whose data the `unlimitedStorage`
 * permission already keeps from eviction.
 */
export async function askForPersistentStorage(): Promise<Persistence> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persisted || !storage.persist) return 'unknown';
  try {
    if (await storage.persisted()) return 'persistent';
    return (await storage.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'unknown';
  }
}
