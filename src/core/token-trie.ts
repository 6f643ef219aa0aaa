// The token trie that phrase matching walks: one node per word, built at build time and loaded as plain JSON.

import type { Token } from './tokens';

/**
 * A node: `c` maps the next word (a token norm) to its child, `t` lists the entries whose phrase ends here.
 * Plain objects so the compiled pack is JSON; lookups go through Object.hasOwn so a word like "constructor"
 * never reaches Object.prototype.
 */
export interface TrieNode {
  c?: Record<string, TrieNode>;
  t?: number[];
}

/** Adds a phrase (its token norms, in order) ending in `entry`. Used at compile time only. */
export function insertPhrase(root: TrieNode, words: readonly string[], entry: number): void {
  let node = root;
  for (const word of words) {
    const children = (node.c ??= {});
    let child = Object.hasOwn(children, word) ? children[word] : undefined;
    if (child === undefined) {
      child = {};
      children[word] = child;
    }
    node = child;
  }
  const terminals = (node.t ??= []);
  if (!terminals.includes(entry)) terminals.push(entry);
}

export interface TrieMatch {
  entry: number;
  /** Index of the last token of the match. */
  last: number;
}

/** The node reached from `node` by `word`; Object.hasOwn keeps "constructor" or "__proto__" from reaching Object.prototype. */
export function childOf(node: TrieNode, word: string): TrieNode | undefined {
  const children = node.c;
  return children !== undefined && Object.hasOwn(children, word) ? children[word] : undefined;
}

/**
 * The longest phrase starting at tokens[from] that `accept` agrees to, or undefined.
 * Walks word tokens only: punctuation ends a phrase, so matches never span a comma or a sentence end.
 * Cost: one own-property lookup per word of the longest prefix present in the trie (a few at most). The trie is
 * walked as the JSON left it: converting it to Maps at load cost more on a first page than it saved.
 */
export function longestMatch(
  root: TrieNode,
  tokens: readonly Token[],
  from: number,
  accept: (entry: number, first: number, last: number) => boolean,
): TrieMatch | undefined {
  let node: TrieNode = root;
  let best: TrieMatch | undefined;
  for (let j = from; j < tokens.length; j++) {
    const token = tokens[j]!;
    if (!token.word || (j > from && token.block !== tokens[j - 1]!.block)) break;
    const child = childOf(node, token.norm);
    if (child === undefined) break;
    node = child;
    if (node.t !== undefined) {
      for (const entry of node.t) {
        if (accept(entry, from, j)) {
          best = { entry, last: j };
          break;
        }
      }
    }
  }
  return best;
}
