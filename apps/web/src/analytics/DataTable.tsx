import type { ReactNode } from 'react';

export type Column<Row> = { title: string; cell: (row: Row) => ReactNode; numeric?: boolean };

/** A figure's table, with its CSV export beside the caption. */
export function DataTable<Row>({ caption, columns, rows, rowKey, csv, empty = 'Nothing in this range.' }: { caption: string; columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row, index: number) => string; csv?: string; empty?: string }) {
  return (
    <div className="analytics-table">
      <div className="analytics-table-head">
        <h3>{caption}</h3>
        {csv && (
          <a className="button-link small" href={csv} download>
            Download CSV
          </a>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.title} scope="col" className={column.numeric ? 'numeric' : undefined}>
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column) => (
                  <td key={column.title} className={column.numeric ? 'numeric' : undefined}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
