// What a failed IndexedDB request means for the reader: out of room, storage that cannot be opened, or something else.

/**
 * Out of room, as each browser says it. Firefox (and Chromium when its quota check runs first) abort with
 * QuotaExceededError. Chromium with `unlimitedStorage` has no quota of its own but the disk: a full disk aborts the
 * transaction with UnknownError "IO error: ... FILE_ERROR_NO_SPACE" and closes every connection of the origin
 * (seen in faults.e2e.ts). Firefox's `storage.local` (the fallback store in private windows) rethrows a quota error
 * as a plain Error whose message starts with the name: "QuotaExceededError: storage.local API call exceeded its
 * quota limitations." (ExtensionStorageIDB); Chromium's as "QUOTA_BYTES quota exceeded".
 */
export function isOutOfSpace(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = describe(error);
  return name === 'QuotaExceededError' || /NO_SPACE|no space left|disk (is )?full|^QuotaExceededError\b|^QUOTA_BYTES quota exceeded/i.test(message);
}

/**
 * The browser could not open or write our database at all: Chromium answers `indexedDB.open` with UnknownError
 * "Internal error opening backing store" while the disk is full (opening writes metadata), and the same for a damaged
 * profile.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const { name, message } = describe(error);
  return name === 'UnknownError' || /backing store/i.test(message);
}

/**
 * The browser will not let us write at all. Firefox in permanent private browsing ("never remember history") refuses
 * IndexedDB to the extension's background with InvalidStateError "A mutation operation was attempted on a database
 * that did not allow mutations" (seen in private.e2e.ts); the same error from a clean-up transaction after a quota
 * failure is retried by the store before it gets here.
 */
export function isStorageRefused(error: unknown): boolean {
  const { name, message } = describe(error);
  return name === 'InvalidStateError' && /did not allow mutations/i.test(message);
}

function describe(error: unknown): { name: string; message: string } {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return { name: typeof name === 'string' ? name : '', message: typeof message === 'string' ? message : String(error) };
}
