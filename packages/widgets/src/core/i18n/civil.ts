/** A civil date (`YYYY-MM-DD`) as the UTC midnight of that day, for `Intl` with `timeZone: 'UTC'`. */
export function civilToUtc(isoDate: string): Date {
  const [y = 1970, m = 1, d = 1] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** Formats a civil date with `Intl` options, never shifted by the reader's time zone. */
export function formatCivil(isoDate: string, intlLocale: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(intlLocale, { ...options, timeZone: 'UTC' }).format(civilToUtc(isoDate));
}
