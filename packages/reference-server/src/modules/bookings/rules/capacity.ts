/** What happens to a booking asked for a day that has no place left. */
export type OverflowPolicy = 'refuse' | 'waiting_list';

export type CapacityOutcome = 'booked' | 'full' | 'waiting_list';

/** Places left on a day; `null` capacity means unlimited. */
export function placesLeft(capacity: number | null, booked: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - booked);
}

/**
 * The outcome of one more booking for a day holding `booked` of `capacity`. The server
 * applies it with a conditional update (`booked < capacity`), so concurrency cannot
 * overbook; this function states the rule the update enforces.
 */
export function admit(capacity: number | null, booked: number, overflow: OverflowPolicy): CapacityOutcome {
  if (capacity === null || booked < capacity) return 'booked';
  return overflow === 'waiting_list' ? 'waiting_list' : 'full';
}
