// Splits article text into blocks: one per line, the unit that boilerplate is decided on and sentences never cross.

export interface Block {
  index: number;
  start: number;
  end: number;
}

/** Blocks are the "\n"-separated lines of the text; empty lines are kept so indices match line numbers. */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    blocks.push({ index: index++, start, end });
    start = end + 1;
  }
  return blocks;
}
