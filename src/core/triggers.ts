// The cheap gate in front of a boilerplate pattern: literals that any line the pattern flags must contain.

export interface Triggers {
  /** The line contains one of these (lowercase). */
  requires?: readonly string[];
  /** The line starts with one of these (lowercase): for patterns anchored at the line start. */
  leading?: readonly string[];
  /** The line ends with one of these (lowercase): for patterns anchored at the line end. */
  trailing?: readonly string[];
}

/**
 * Does a trimmed line pass the triggers? Plain substring tests: no pattern is compiled or run, so an ordinary
 * news paragraph costs a few `includes` calls per rule and never reaches a regular expression. The line is
 * lowercased for case-insensitive rules, and as written for case-sensitive ones (their triggers keep their case).
 */
export function passesTriggers(line: string, triggers: Triggers): boolean {
  return (
    (triggers.requires?.some((literal) => line.includes(literal)) ?? false) ||
    (triggers.leading?.some((literal) => line.startsWith(literal)) ?? false) ||
    (triggers.trailing?.some((literal) => line.endsWith(literal)) ?? false)
  );
}
