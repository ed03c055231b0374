import { describe, expect, it } from 'vitest';
import { addChecks, addVitestExit, closingLine, countReport, skippedLine } from './countReport';

const file = (name: string, status: string, tests: string[], message?: string) => ({
  name, status, message, assertionResults: tests.map((test) => ({ status: test })),
});

describe('CI closing line', () => {
  it('counts passed, failed and skipped tests across files', () => {
    const counts = countReport({ testResults: [file('a.test.ts', 'passed', ['passed', 'passed', 'skipped']), file('b.test.ts', 'failed', ['passed', 'failed'])] });
    expect(closingLine(counts)).toBe('3 passed, 1 failed');
    expect(skippedLine(counts)).toBe('1 skipped');
  });

  it('counts a file that failed before any test (import error, beforeAll) as a failure', () => {
    const counts = countReport({ testResults: [file('broken.test.ts', 'failed', ['skipped', 'skipped'], 'Error: cannot start Temporal\n at …')] });
    expect(closingLine(counts)).toBe('0 passed, 1 failed');
    expect(skippedLine(counts)).toBe('2 skipped');
    expect(counts.notes[0]).toContain('broken.test.ts — Error: cannot start Temporal');
  });

  it('treats a report of the wrong shape as a failure, never as zero tests passed', () => {
    expect(closingLine(countReport({}))).toBe('0 passed, 1 failed');
    expect(closingLine(countReport({ testResults: [{ name: 'x' }] }))).toBe('0 passed, 1 failed');
  });

  it('adds the checks run beside Vitest, one test each, and leaves out skipped ones', () => {
    const counts = addChecks(countReport({ testResults: [file('a.test.ts', 'passed', ['passed'])] }), ['typecheck=0', 'lint=1', 'fuzz=skip']);
    expect(closingLine(counts)).toBe('2 passed, 1 failed');
    expect(counts.notes).toEqual(['check failed: lint (exit 1)']);
  });

  it('keeps the closing line to "N passed, N failed" and says skipped tests apart, only when there are some', () => {
    expect(closingLine({ passed: 5, failed: 0, skipped: 7, notes: [] })).toBe('5 passed, 0 failed');
    expect(skippedLine({ passed: 5, failed: 0, skipped: 0, notes: [] })).toBeUndefined();
  });

  it('fails a Vitest run that exited non-zero without a failed test, or that ran no test at all', () => {
    const green = () => countReport({ testResults: [file('a.test.ts', 'passed', ['passed'])] });
    expect(closingLine(addVitestExit(green(), 1))).toBe('1 passed, 1 failed');
    expect(closingLine(addVitestExit(green(), 0))).toBe('1 passed, 0 failed');
    expect(closingLine(addVitestExit(countReport({ testResults: [] }), 0))).toBe('0 passed, 1 failed');
  });
});
