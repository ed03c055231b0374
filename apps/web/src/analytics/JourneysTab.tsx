import { Chart, type ChartOption } from './Chart';
import { DataTable } from './DataTable';
import { Figure } from './Figure';
import { Formula } from './Formula';
import { formatCount, formatMoney, formatNumber, formatPercent } from './format';
import type { AnalyticsParams } from './analyticsParams';
import { csvHref, useAnalytics } from './useAnalytics';
import type { JourneyFiguresRow, TemplateFigures } from './journeys/journeyFigures';
import { useSettingsCurrency } from './journeys/useSettingsCurrency';
import './journeys/journeys.css';

const SUMMARY = '/api/analytics/journeys/summary';
const TEMPLATES = '/api/analytics/journeys/templates';

function conversionChart(rows: JourneyFiguresRow[]): ChartOption {
  const totals = rows.filter((row) => row.versionId === null);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatPercent(typeof value === 'number' ? value / 100 : null) },
    legend: { data: ['Conversion rate'], top: 0, right: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    xAxis: { type: 'category', data: totals.map((row) => row.journeyName), name: 'Journey', nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: '% converted', axisLabel: { formatter: '{value}%' } },
    series: [{ name: 'Conversion rate', type: 'bar', barMaxWidth: 64, data: totals.map((row) => (row.conversionRate === null ? null : Math.round(row.conversionRate * 1000) / 10)) }],
  };
}

/** The Journeys tab: per journey and version how runs end and convert, and per template how its emails do. */
export function JourneysTab({ params }: { params: AnalyticsParams }) {
  const summary = useAnalytics<{ rows: JourneyFiguresRow[] }>(SUMMARY, params);
  const templates = useAnalytics<{ templates: TemplateFigures[] }>(TEMPLATES, params);
  const currency = useSettingsCurrency();
  const rows = summary.data?.rows ?? [];
  return (
    <>
      <Figure title="Journeys" loading={summary.isPending} error={summary.error}>
        {rows.some((row) => row.versionId === null) && <Chart option={conversionChart(rows)} label="Conversion rate per journey" height={260} />}
        <DataTable
          caption="Per journey and version (runs that entered in the range)"
          csv={csvHref(SUMMARY, params)}
          rows={rows}
          rowKey={(row) => `${row.journeyId}:${row.versionId ?? 'all'}`}
          columns={[
            { title: 'Journey', cell: (row) => (row.versionId === null ? <a href={`#/journeys/${encodeURIComponent(row.journeyId)}`}>{row.journeyName}</a> : `version ${row.version ?? ''}`) },
            { title: 'Entered', numeric: true, cell: (row) => formatCount(row.entered) },
            { title: 'In progress', numeric: true, cell: (row) => formatCount(row.inProgress) },
            { title: 'Completed', numeric: true, cell: (row) => formatCount(row.completed) },
            { title: 'Failed or cancelled', numeric: true, cell: (row) => formatCount(row.endedOtherwise) },
            { title: 'Converted', numeric: true, cell: (row) => formatCount(row.converted) },
            { title: 'Conversion rate', numeric: true, cell: (row) => formatPercent(row.conversionRate) },
            { title: 'Median time to convert (h)', numeric: true, cell: (row) => formatNumber(row.medianHoursToConvert) },
            { title: 'Revenue in window', numeric: true, cell: (row) => formatMoney(row.revenue, currency) },
          ]}
        />
        <Formula>
          Runs that entered a journey in the date range (by the time they entered). Converted = runs whose customer reached the journey&apos;s goal within
          its conversion window (counted from entering; during the run, or after it ended). Conversion rate = converted ÷ entered. Median time to convert =
          the median of (goal time − entry time) over converted runs. Revenue in window = the configured revenue events of converted runs&apos; customers
          between entering and the end of the window, in the base currency. A journey&apos;s first row adds up its versions.
        </Formula>
      </Figure>
      <Figure title="Templates" loading={templates.isPending} error={templates.error}>
        <DataTable
          caption="Per template, across every journey (all time)"
          csv={csvHref(TEMPLATES, params)}
          rows={templates.data?.templates ?? []}
          rowKey={(row) => row.templateId}
          empty="No journey has sent an email yet."
          columns={[
            { title: 'Template', cell: (row) => row.templateName ?? row.templateId },
            { title: 'Journeys', numeric: true, cell: (row) => formatCount(row.journeys) },
            { title: 'Sent', numeric: true, cell: (row) => formatCount(row.sent) },
            { title: 'Delivered', numeric: true, cell: (row) => formatCount(row.delivered) },
            { title: 'Failed', numeric: true, cell: (row) => formatCount(row.failed) },
            { title: 'Unique opens', numeric: true, cell: (row) => formatCount(row.uniqueOpens) },
            { title: 'Unique clicks', numeric: true, cell: (row) => formatCount(row.uniqueClicks) },
            { title: 'Unsubscribes', numeric: true, cell: (row) => formatCount(row.unsubscribes) },
            { title: 'Open rate', numeric: true, cell: (row) => formatPercent(row.openRate) },
            { title: 'Click rate', numeric: true, cell: (row) => formatPercent(row.clickRate) },
          ]}
        />
        <Formula>
          Sent = emails handed to the mail server (delivered + failed + uncertain); delivered = accepted by it. Open rate = unique opens ÷ delivered; click
          rate = unique clicks ÷ delivered (a click counts as an open). Per node figures are on each journey&apos;s canvas: open a journey&apos;s version and
          tick &quot;Show analytics&quot;.
        </Formula>
      </Figure>
    </>
  );
}
