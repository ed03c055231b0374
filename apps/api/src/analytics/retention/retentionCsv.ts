import type { CsvTable } from '../csv';
import type { CohortAnswer } from './retentionSchemas';

/** The cohort matrix as a spreadsheet reads it: one row per cohort, a column per period since, cells in %. */
export function cohortCsv(answer: CohortAnswer): CsvTable {
  const width = answer.average.length;
  const offsets = Array.from({ length: width }, (_, offset) => `${answer.interval} ${offset} %`);
  const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? null : Math.round(rate * 10000) / 100);
  return {
    columns: ['cohort', 'customers', ...offsets],
    rows: [
      ...answer.cohorts.map((row) => [row.cohort, row.customers, ...offsets.map((_, offset) => percent(row.cells[offset]?.rate))]),
      ['average (weighted)', null, ...answer.average.map((cell) => percent(cell.rate))],
    ],
  };
}
