/** A tiny Prometheus registry: counters, gauges and histograms rendered in the text exposition format (0.0.4). */
type Labels = Record<string, string>;

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const escape = (value: string) => value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([name, value]) => `${name}="${escape(value)}"`).join(',')}}`;
};

interface Metric {
  render(): string;
}

/** A value that only goes up (events stored, emails sent). */
export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const entry = this.values.get(key(labels)) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key(labels), entry);
  }

  render(): string {
    const lines = [...this.values.values()].map((entry) => `${this.name}${labelText(entry.labels)} ${entry.value}`);
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`, ...(lines.length ? lines : [`${this.name} 0`])].join('\n');
  }
}

/** Observations bucketed by upper bound (seconds, for latencies). */
export class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels; buckets: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly bounds: readonly number[]) {}

  observe(value: number, labels: Labels = {}): void {
    const entry = this.series.get(key(labels)) ?? { labels, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
    this.bounds.forEach((bound, i) => {
      if (value <= bound) entry.buckets[i] = (entry.buckets[i] ?? 0) + 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(key(labels), entry);
  }

  render(): string {
    const lines: string[] = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      this.bounds.forEach((bound, i) => lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${buckets[i] ?? 0}`));
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${sum}`, `${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines.join('\n');
  }
}

/** Renders a gauge whose values are read at scrape time (e.g. from the database). */
export function gauge(name: string, help: string, samples: readonly { labels?: Labels; value: number }[]): string {
  const lines = samples.map((sample) => `${name}${labelText(sample.labels ?? {})} ${sample.value}`);
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...lines].join('\n');
}

/** The text of several metrics, ending with a newline as Prometheus expects. */
export function exposition(parts: readonly (Metric | string)[]): string {
  return `${parts.map((part) => (typeof part === 'string' ? part : part.render())).filter(Boolean).join('\n')}\n`;
}
