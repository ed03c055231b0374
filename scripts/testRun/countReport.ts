// Counts a Vitest JSON report (its `json` reporter, Jest-compatible) into the figures of CI's closing line.

/** The fields of one test in the report that the count needs. */
type TestOutcome = { status: string };
/** The fields of one test file in the report that the count needs. */
type FileOutcome = { name: string; status: string; message?: string; assertionResults: TestOutcome[] };

export type Counts = { passed: number; failed: number; skipped: number; notes: string[] };

const isFile = (value: unknown): value is FileOutcome => {
  const file = value as Partial<FileOutcome> | null;
  return typeof file?.name === 'string' && typeof file.status === 'string' && Array.isArray(file.assertionResults)
    && file.assertionResults.every((test) => typeof (test as Partial<TestOutcome> | null)?.status === 'string');
};

/**
 * Counts every test of a parsed report. A file that failed without a failed test (an import error, a failing
 * beforeAll) counts as one failure, so a suite that never ran can never look green. Unreadable input is one failure.
 */
export function countReport(report: unknown): Counts {
  const files = (report as { testResults?: unknown } | null)?.testResults;
  if (!Array.isArray(files) || !files.every(isFile)) {
    return { passed: 0, failed: 1, skipped: 0, notes: ["Vitest's report is not in the expected shape"] };
  }
  const counts: Counts = { passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const file of files) {
    let failedHere = 0;
    for (const test of file.assertionResults) {
      if (test.status === 'passed') counts.passed++;
      else if (test.status === 'failed') failedHere++;
      else counts.skipped++; // skipped, pending, todo
    }
    if (file.status === 'failed' && failedHere === 0) {
      failedHere = 1;
      counts.notes.push(`failed file (no test reached a result): ${file.name}${file.message ? ` — ${file.message.split('\n')[0]}` : ''}`);
    }
    counts.failed += failedHere;
  }
  return counts;
}

/** Adds the checks run beside Vitest (`name=exit status`, or `name=skip` when a filtered run left it out), one test each. */
export function addChecks(counts: Counts, checks: readonly string[]): Counts {
  for (const check of checks) {
    const [name, status] = check.split('=');
    if (status === 'skip') continue;
    if (status === '0') counts.passed++;
    else {
      counts.failed++;
      counts.notes.push(`check failed: ${name} (exit ${status})`);
    }
  }
  return counts;
}

/**
 * Vitest's own exit status: a run can fail with no failed test (an unhandled error, no test file matched); that is
 * one failure here too. And a run that counted no test at all never passes.
 */
export function addVitestExit(counts: Counts, exitStatus: number): Counts {
  if (exitStatus !== 0 && counts.failed === 0) {
    counts.failed++;
    counts.notes.push(`Vitest exited ${exitStatus} without a failed test (an unhandled error, or no test file matched)`);
  } else if (counts.passed + counts.failed + counts.skipped === 0) {
    counts.failed++;
    counts.notes.push('no test ran');
  }
  return counts;
}

/** CI's closing line: `N passed, N failed` and `, N skipped` when any were. */
/** Exactly "N passed, N failed": the one line CI reads. Skipped tests are said on the line before it (skippedLine). */
export function closingLine(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed`;
}

/** "N skipped" when any test was skipped (SQLite-only tests in the Postgres run, each saying why), else nothing. */
export function skippedLine(counts: Counts): string | undefined {
  return counts.skipped > 0 ? `${counts.skipped} skipped` : undefined;
}
