/** "+2 d 3 h", "+5 min", "at entry": how long after entry a virtual moment is. */
export function afterEntry(startIso: string | null, atIso: string | null): string {
  if (!startIso || !atIso) return '';
  const minutes = Math.floor((Date.parse(atIso) - Date.parse(startIso)) / 60_000);
  if (minutes < 1) return 'at entry';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days} d` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean);
  return `+${parts.join(' ')}`;
}
