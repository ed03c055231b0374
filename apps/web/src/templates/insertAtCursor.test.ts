import { describe, expect, it } from 'vitest';
import { insertAtCursor } from './insertAtCursor';

describe('insertAtCursor', () => {
  it('inserts at the caret, replaces a selection, and clamps a stale position', () => {
    expect(insertAtCursor({ value: 'Hi !', start: 3, end: 3 }, '{{ x }}')).toEqual({ value: 'Hi {{ x }}!', caret: 10 });
    expect(insertAtCursor({ value: 'Hi NAME!', start: 3, end: 7 }, '{{ x }}')).toEqual({ value: 'Hi {{ x }}!', caret: 10 });
    expect(insertAtCursor({ value: 'ab', start: 9, end: 9 }, 'c')).toEqual({ value: 'abc', caret: 3 });
  });
});
