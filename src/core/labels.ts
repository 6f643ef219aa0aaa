// Which labels the note editor offers, and in what order.

/**
 * The assignment's labels first (the class must use them), then those of the teachers' packs that are on, then the
 * built-in defaults, then what the reader typed; each once, in that order.
 */
export function offeredLabels(assignment: readonly string[], packs: readonly string[], defaults: readonly string[], typed: readonly string[]): string[] {
  return [...new Set([...assignment, ...packs, ...defaults, ...typed])];
}
