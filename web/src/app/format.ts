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

// The server's clock is the region's: what it says today is, the web says too, whatever the
// browser's clock says. Learnt from every answer of /api/me and sign-in (`now`).
let serverOffsetMs = 0;
const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** Takes the server's clock reading (an ISO instant) as the web's from now on. */
export function adoptServerClock(nowIso: string, browserNowMs: number = Date.now()): void {
  const server = Date.parse(nowIso);
  if (!Number.isNaN(server)) serverOffsetMs = server - browserNowMs;
}

/** Today's date in Sweden as YYYY-MM-DD, by the server's clock. */
export function today(): string {
  return SWEDISH_DAY.format(new Date(Date.now() + serverOffsetMs));
}
