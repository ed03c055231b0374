import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DataTable } from '../DataTable';
import { Figure } from '../Figure';
import { formatNumber } from '../format';
import { importSpend, removeSpend, setSpend, useRefreshSpend, useSpend } from './spendApi';

/** Acquisition spend per month and channel: typed in, uploaded as CSV, listed and removed. */
export function SpendEditor() {
  const spend = useSpend();
  const refresh = useRefreshSpend();
  const [draft, setDraft] = useState({ month: '', channel: '', amount: '', currency: '' });
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const base = spend.data?.baseCurrency ?? 'USD';
  const done = (message: string) => () => {
    setError(null);
    setStatus(message);
    void refresh();
  };
  const fail = (reason: unknown) => {
    setStatus('');
    setError(reason);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const amount = Number(draft.amount);
    void setSpend({ month: draft.month, channel: draft.channel.trim(), amount: draft.amount.trim() === '' || !Number.isFinite(amount) ? Number.NaN : amount, ...(draft.currency ? { currency: draft.currency.toUpperCase() } : {}) })
      .then(done(`Saved ${draft.channel.trim()} ${draft.month}.`), fail);
  };
  const upload = (file: File | undefined) => {
    if (!file) return;
    if (file.size > 512 * 1024) return fail(new Error('The CSV is larger than 512 KB: split it.'));
    void file.text().then((text) => importSpend(text).then((result) => done(`Stored ${result.stored} row(s) from ${file.name}.`)(), fail));
  };
  return (
    <Figure title="Acquisition spend" loading={spend.isPending} error={spend.error}>
      <form className="form-card inline-form" aria-label="Enter spend" onSubmit={save}>
        <div className="field"><label htmlFor="spend-month">Month</label><input id="spend-month" type="month" required value={draft.month} onChange={(e) => setDraft({ ...draft, month: e.target.value })} /></div>
        <div className="field"><label htmlFor="spend-channel">Channel</label><input id="spend-channel" required maxLength={200} value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value })} /></div>
        <div className="field"><label htmlFor="spend-amount">Amount</label><input id="spend-amount" inputMode="decimal" required value={draft.amount} onChange={(e) => setDraft({ ...draft, amount: e.target.value })} /></div>
        <div className="field"><label htmlFor="spend-currency">Currency</label><input id="spend-currency" placeholder={base} maxLength={3} value={draft.currency} onChange={(e) => setDraft({ ...draft, currency: e.target.value })} /></div>
        <button type="submit" className="button button-primary">Save spend</button>
      </form>
      <div className="field">
        <label htmlFor="spend-csv">Upload CSV (columns month,channel,amount[,currency]; at most 512 KB; nothing is stored when any row is bad)</label>
        <input id="spend-csv" type="file" accept=".csv,text/csv" onChange={(e) => { upload(e.target.files?.[0]); e.target.value = ''; }} />
      </div>
      <ErrorBanner error={error} />
      {status && <div className="banner banner-info" role="status">{status}</div>}
      <DataTable
        caption="Spend entered"
        rows={spend.data?.spend ?? []}
        rowKey={(row) => `${row.month}/${row.channel}`}
        empty="No spend entered yet."
        columns={[
          { title: 'Month', cell: (row) => row.month },
          { title: 'Channel', cell: (row) => row.channel },
          { title: 'Amount', cell: (row) => `${formatNumber(row.amount)} ${row.currency}`, numeric: true },
          { title: '', cell: (row) => <button type="button" className="button small" aria-label={`Remove ${row.channel} ${row.month}`} onClick={() => void removeSpend(row.month, row.channel).then(done(`Removed ${row.channel} ${row.month}.`), fail)}>Remove</button> },
        ]}
      />
    </Figure>
  );
}
