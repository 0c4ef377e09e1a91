// Swedish formatting everywhere, whatever the UI language: these are Swedish public records.
const dateFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Stockholm',
});
const numberFormat = new Intl.NumberFormat('sv-SE');

/** "2024-03-01" → "1 mars 2024"; calendar dates are read as UTC noon so no zone shifts the day. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T12:00:00Z`));
}

/** A timestamp as "2024-03-01 14:05" in Swedish time. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** Today's date in Sweden as YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}
