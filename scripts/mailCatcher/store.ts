import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaughtMessage } from './parse';

/** The catcher's messages: in memory, mirrored to an append-only JSONL file. */
export type MailStore = {
  add(message: CaughtMessage): void;
  list(filter: { to?: string }): CaughtMessage[];
  get(id: string): CaughtMessage | undefined;
  clear(): void;
  count(): number;
};

function load(file: string): CaughtMessage[] {
  if (!existsSync(file)) return [];
  const messages: CaughtMessage[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      messages.push(JSON.parse(line) as CaughtMessage);
    } catch {
      // a line torn by a crash mid-append: skip it, keep the rest
    }
  }
  return messages;
}

/** Opens (or creates) the JSONL file and loads what an earlier run caught. */
export function openMailStore(file: string): MailStore {
  mkdirSync(dirname(file), { recursive: true });
  const messages = load(file);
  return {
    add(message) {
      appendFileSync(file, `${JSON.stringify(message)}\n`);
      messages.push(message);
    },
    list({ to }) {
      const wanted = to?.toLowerCase();
      const matching = wanted ? messages.filter((m) => m.to.some((address) => address.toLowerCase() === wanted)) : messages;
      return [...matching].reverse();
    },
    get: (id) => messages.find((message) => message.id === id),
    clear() {
      messages.length = 0;
      writeFileSync(file, '');
    },
    count: () => messages.length,
  };
}
