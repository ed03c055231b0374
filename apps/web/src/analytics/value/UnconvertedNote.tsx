import { formatNumber } from '../format';

/** Amounts in currencies without a rate: shown apart, because adding unlike money would be wrong. */
export function UnconvertedNote({ amounts, baseCurrency }: { amounts: { currency: string; amount: number }[]; baseCurrency: string }) {
  if (amounts.length === 0) return null;
  return (
    <p className="hint" data-testid="unconverted">
      Not included (no {baseCurrency} rate in the settings, never added): {amounts.map((item) => `${formatNumber(item.amount)} ${item.currency}`).join(', ')}.
    </p>
  );
}
