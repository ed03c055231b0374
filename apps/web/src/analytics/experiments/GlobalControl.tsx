import { DataTable, type Column } from '../DataTable';
import { Formula } from '../Formula';
import { Kpis } from '../Kpis';
import { formatCount, formatMoney, formatPercent } from '../format';
import { formatP, formatPointInterval, formatPoints } from './formatStats';
import type { GlobalControlAnswer } from './types';

type Group = GlobalControlAnswer['groups'][number];

/** The whole program's incremental effect: the held-out control group against everyone else. */
export function GlobalControl({ answer, currency, csv }: { answer: GlobalControlAnswer; currency: string; csv: string }) {
  const columns: Column<Group>[] = [
    { title: 'Group', cell: (group) => (group.group === 'control' ? 'Control (no lifecycle messages)' : 'Treatment') },
    { title: 'Customers', numeric: true, cell: (group) => formatCount(group.customers) },
    { title: 'With revenue', numeric: true, cell: (group) => formatCount(group.converted) },
    { title: 'Conversion rate', numeric: true, cell: (group) => formatPercent(group.conversionRate) },
    { title: 'Revenue', numeric: true, cell: (group) => formatMoney(group.revenue, currency) },
    { title: 'Revenue per customer', numeric: true, cell: (group) => formatMoney(group.revenuePerCustomer, currency) },
  ];
  const { conversion, revenuePerCustomer } = answer;
  return (
    <>
      <Kpis
        items={[
          { label: 'Configured share', value: formatPercent(answer.configuredShare), testId: 'gc-configured-share' },
          {
            label: 'Actual share held out',
            value: formatPercent(answer.actualShare),
            detail: `${formatCount(answer.inControl)} of ${formatCount(answer.assigned)} assigned · check p = ${formatP(answer.shareCheckPValue)}`,
            testId: 'gc-actual-share',
          },
          {
            label: 'Incremental conversion',
            value: conversion ? formatPoints(conversion.difference) : 'not enough data',
            detail: conversion ? `95% ${formatPointInterval(conversion.low, conversion.high)} · p = ${formatP(conversion.pValue)}` : answer.note,
            testId: 'gc-conversion-lift',
          },
          {
            label: 'Incremental revenue per customer',
            value: revenuePerCustomer ? formatMoney(revenuePerCustomer.difference, currency) : 'not enough data',
            detail: revenuePerCustomer
              ? `95% [${formatMoney(revenuePerCustomer.low, currency)}, ${formatMoney(revenuePerCustomer.high, currency)}] · p = ${formatP(revenuePerCustomer.pValue)}`
              : answer.note,
            testId: 'gc-revenue-lift',
          },
        ]}
      />
      <DataTable caption="Control against treatment" columns={columns} rows={answer.groups} rowKey={(group) => group.group} csv={csv} />
      <Formula>
        A share of customers, drawn once per customer by a hash of their id and a workspace salt and stored (it never changes
        afterwards), gets no lifecycle email. Customers = those assigned and first seen before the range ends; conversion rate
        = customers with a revenue event in the range ÷ customers; revenue per customer = their revenue in the range ÷
        customers. Incremental = treatment − control, with a 95% interval (normal approximation; unpooled standard error for
        rates, Welch's for revenue) and a two-sided p-value (pooled two-proportion z-test for rates, z-test for revenue).
        Each group needs {formatCount(answer.minCustomers)} customers. The actual share is checked against the configured one
        by a one-sample z-test: a small p means the hold-out is not what was set.
      </Formula>
    </>
  );
}
