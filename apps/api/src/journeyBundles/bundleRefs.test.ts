import { describe, expect, it } from 'vitest';
import { assignRefs, slugOf } from './bundleRefs';
import { bundleJson } from './bundleJson';

describe('bundle refs', () => {
  it('makes a readable ref of any name, hostile ones included', () => {
    expect(slugOf('Welcome email (v2)', 'template')).toBe('welcome-email-v2');
    expect(slugOf('Café crème', 'template')).toBe('cafe-creme');
    expect(slugOf('<script>alert(1)</script>', 'template')).toBe('script-alert-1-script');
    expect(slugOf('🎉', 'offer')).toBe('offer');
  });

  it('numbers a repeated name, the same way every time whatever the order', () => {
    const items = [{ id: 'b', name: 'Welcome' }, { id: 'a', name: 'Welcome' }, { id: 'c', name: 'welcome!' }];
    const refs = assignRefs(items, 'template');
    expect(Object.fromEntries(refs)).toEqual({ a: 'welcome', b: 'welcome-2', c: 'welcome-3' });
    expect(assignRefs([...items].reverse(), 'template')).toEqual(refs);
  });
});

describe('bundleJson', () => {
  it('puts keys in one fixed order at every level, whatever order they came in', () => {
    const a = bundleJson({ templates: [], journey: { stage: null, name: 'J' }, format: 'f' });
    const b = bundleJson({ format: 'f', journey: { name: 'J', stage: null }, templates: [] });
    expect(a).toBe(b);
    expect(a).toBe('{\n  "format": "f",\n  "journey": {\n    "name": "J",\n    "stage": null\n  },\n  "templates": []\n}\n');
  });
});
