// Prints the closing line CI reads ("N passed, N failed"; skipped tests on the line before) from Vitest's JSON report plus the checks the
// test command ran beside Vitest; exits 1 when anything failed.
// Usage: node --import tsx scripts/testRun/summary.ts <vitest-report.json> <vitest exit status> [check=status …]
import { existsSync, readFileSync } from 'node:fs';
import { addChecks, addVitestExit, closingLine, countReport, skippedLine, type Counts } from './countReport';

function readReport(path: string | undefined): Counts {
  if (!path || !existsSync(path)) return { passed: 0, failed: 1, skipped: 0, notes: ['Vitest wrote no report (it crashed or did not run)'] };
  try {
    return countReport(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    return { passed: 0, failed: 1, skipped: 0, notes: [`Vitest's report is unreadable: ${(error as Error).message}`] };
  }
}

const [reportPath, vitestExit = '1', ...checks] = process.argv.slice(2);
const report = readReport(reportPath);
const counts = addChecks(existsSync(reportPath ?? '') ? addVitestExit(report, Number(vitestExit)) : report, checks);
for (const note of counts.notes) console.log(`  ${note}`);
const skipped = skippedLine(counts);
if (skipped) console.log(`  ${skipped}`);
console.log(closingLine(counts));
process.exitCode = counts.failed > 0 ? 1 : 0;
