import { describe, expect, it } from 'vitest';
import { TraitPath } from './traitPath';

describe('TraitPath', () => {
  it('takes keys of letters, digits, _ and - joined by dots', () => {
    for (const path of ['plan', 'address.city', 'first-name', 'a_1.B-2.c']) expect(TraitPath.safeParse(path).success, path).toBe(true);
  });

  it('refuses path syntax, empty keys, other characters and long paths, saying what a path looks like', () => {
    for (const path of ['', 'a.', '.a', 'a..b', 'a b', 'a\\', 'a"b', 'a[0]', '$.a', 'é', 'a'.repeat(201)]) {
      const parsed = TraitPath.safeParse(path);
      expect(parsed.success, path).toBe(false);
      expect(parsed.error?.issues[0]?.message, path).toContain('joined by dots');
    }
  });
});
