/** Prints one benchmark figure as an aligned line and returns it for the summary. */
export function report(name: string, value: number, unit: string, extra = ''): string {
  const line = `${name.padEnd(48)} ${value.toFixed(1).padStart(10)} ${unit}${extra ? `  (${extra})` : ''}`;
  console.log(line);
  return line;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inFlight<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return results;
}
