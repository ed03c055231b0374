/**
 * After a fuzz run: prints its figures and checks that no event was accepted but lost, by opening the API's
 * SQLite file read-only and looking up every message the API answered 2xx to (or stored from a partly rejected batch).
 * Exits 1 on any 5xx answer or lost event, 2 when the log holds no request at all.
 *
 * Usage: node --import tsx scripts/fuzz/lostEvents.ts --log <requests.jsonl> --db <lifecycle.db> [--seconds <run duration>]
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { acceptedMessages, parseLoggedCall, type AcceptedMessage, type LoggedCall } from './acceptedMessages';

const { values } = parseArgs({ options: { log: { type: 'string' }, db: { type: 'string' }, seconds: { type: 'string' } } });
if (!values.log || !values.db) throw new Error('usage: lostEvents.ts --log <requests.jsonl> --db <lifecycle.db> [--seconds N]');

function readCalls(file: string): LoggedCall[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map(parseLoggedCall)
    .filter((call): call is LoggedCall => call !== null);
}

function findMissing(dbFile: string, accepted: readonly AcceptedMessage[]): AcceptedMessage[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const byMessageId = db.prepare('SELECT 1 FROM events WHERE message_id = ? LIMIT 1');
    // A customer merged into another (identify with both ids, alias) has its events moved; customer_aliases says where.
    const hasAliases = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'customer_aliases'").get() !== undefined;
    const mergedInto = hasAliases ? '(SELECT customer_id FROM customer_aliases WHERE alias_id = @customer)' : '@customer';
    const byIdentity = db.prepare(`SELECT 1 FROM events WHERE customer_id IN (@customer, ${mergedInto}) AND type = @type AND name IS @name LIMIT 1`);
    return accepted.filter((message) =>
      message.by === 'messageId'
        ? byMessageId.get(message.messageId) === undefined
        : byIdentity.get({ customer: message.customerId, type: message.type, name: message.name }) === undefined,
    );
  } finally {
    db.close();
  }
}

function clip(text: string | null, max = 300): string {
  if (text === null) return '(no body)';
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

const calls = readCalls(values.log);
const serverErrors = calls.filter((call) => call.status >= 500);
const noAnswer = calls.filter((call) => call.status === 0);
const { accepted, unreadable } = acceptedMessages(calls);
const missing = accepted.length > 0 ? findMissing(values.db, accepted) : [];
const statuses = new Map<number, number>(); // 0: no answer
for (const call of calls) statuses.set(call.status, (statuses.get(call.status) ?? 0) + 1);

console.log('fuzz figures');
console.log(`  operations tested   ${new Set(calls.map((call) => call.operation)).size}`);
console.log(`  examples generated  ${new Set(calls.map((call) => call.caseId)).size}`);
console.log(`  requests sent       ${calls.length}`);
console.log(`  answers by status   ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}`);
console.log(`  5xx answers         ${serverErrors.length}`);
console.log(`  no answer           ${noAnswer.length} (timeouts, reset connections; reported, not failed)`);
console.log(`  accepted events     ${accepted.length} (${accepted.filter((m) => m.by === 'messageId').length} with a messageId)`);
console.log(`  events found        ${accepted.length - missing.length}`);
if (values.seconds) console.log(`  duration            ${values.seconds} s`);

for (const call of serverErrors.slice(0, 20)) {
  console.log(`\n5xx: ${call.method} ${call.path} → ${call.status} (${call.operation}, case ${call.caseId})`);
  console.log(`  request:  ${clip(call.requestBody)}`);
  console.log(`  response: ${clip(call.responseBody)}`);
}
for (const call of noAnswer.slice(0, 10)) console.log(`\nno answer: ${call.method} ${call.path} (${call.operation}, case ${call.caseId})\n  request:  ${clip(call.requestBody)}`);
for (const message of missing.slice(0, 20)) console.log(`\nLOST: accepted but not stored: ${JSON.stringify(message)}`);
for (const call of unreadable.slice(0, 5)) console.log(`\nnote: accepted request whose body could not be read back: ${call.path} ${clip(call.requestBody)}`);

if (calls.length === 0) {
  console.log('\nFAIL: the fuzz run sent no request');
  process.exit(2);
}
const failed = serverErrors.length > 0 || missing.length > 0;
console.log(failed ? `\nFAIL: ${serverErrors.length} 5xx answers, ${missing.length} lost events` : '\nOK: no 5xx answer, no accepted event lost');
process.exit(failed ? 1 : 0);
