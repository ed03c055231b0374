/** A text field's value and selection. */
export interface Caret {
  value: string;
  start: number;
  end: number;
}

/** `text` in place of the selection (at the caret when nothing is selected); the new value and the caret after it. */
export function insertAtCursor({ value, start, end }: Caret, text: string): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + text + value.slice(to), caret: from + text.length };
}
