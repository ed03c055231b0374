/** The part of a step's detail worth a table cell: its reason when it has one, else its fields in brief. */
export function stepDetail(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  for (const key of ['reason', 'message', 'error']) {
    const value = detail[key];
    if (typeof value === 'string' && value) return value;
  }
  return Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}
