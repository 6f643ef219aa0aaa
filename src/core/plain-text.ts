// Normalises a plain-text article the way the text map normalises a page: one block a line, single spaces, no empty lines.
export function normalisePlainText(raw: string): string {
  return raw
    .replace(/[\u00AD\u200B]/g, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
