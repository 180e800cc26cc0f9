const longDate = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « lundi 4 mai 2026 » for a civil date (YYYY-MM-DD), whatever the server's zone. */
export function frenchDate(date: string): string {
  return longDate.format(new Date(`${date}T00:00:00Z`));
}
