// The version of the compiled pack's shape, in a module of its own: the options page and the storage layer need it
// without the built-in pack's data, which pack.ts imports.

/**
 * Raised when the compiled pack's shape changes (2: boilerplate cues; 3: a widget's words and the reader's pronouns
 * among them), so that a pack compiled and stored by an older version of the extension is not read as this one until
 * it is compiled again.
 */
export const COMPILED_FORMAT = 3;
