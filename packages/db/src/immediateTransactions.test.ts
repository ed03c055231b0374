import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const folders = ['packages', 'apps', 'workflows'].map((folder) => join(root, folder));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// A deferred transaction that reads before it writes fails at once with SQLITE_BUSY (no busy wait) when another
// process — the worker, a second API — committed in between: seen as a publish answering 503 on a busy machine.
// Every transaction here writes, so each must begin IMMEDIATE (better-sqlite3 `.immediate()`, drizzle
// `{ behavior: 'immediate' }`).
describe('write transactions', () => {
  it('all begin IMMEDIATE, so a concurrent writer makes them wait instead of failing', () => {
    const deferred: string[] = [];
    // Postgres has no deferred/immediate distinction (its transactions take row locks as they write).
    for (const file of folders.flatMap(sources).filter((path) => !/Postgres/.test(path))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\.transaction\(/g)) {
        let depth = 1;
        let at = match.index + match[0].length;
        while (depth > 0 && at < text.length) {
          if (text[at] === '(') depth += 1;
          else if (text[at] === ')') depth -= 1;
          at += 1;
        }
        const call = text.slice(match.index, at);
        const after = text.slice(at);
        // `const store = db.$client.transaction(…);` invoked later as `store.immediate()` counts too.
        const name = /const (\w+) = [\w.$]+$/.exec(text.slice(text.lastIndexOf('\n', match.index) + 1, match.index))?.[1];
        const immediate =
          /^\s*\.(immediate|exclusive)\b/.test(after) ||
          call.includes(`behavior: 'immediate'`) ||
          (name !== undefined && new RegExp(`\\b${name}\\.(immediate|exclusive)\\(`).test(text));
        if (!immediate) deferred.push(`${relative(root, file)}:${text.slice(0, match.index).split('\n').length}`);
      }
    }
    expect(deferred).toEqual([]);
  });
});
