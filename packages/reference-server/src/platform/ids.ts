import { v7 } from 'uuid';

/**
 * An id for the rows written by the thousand (booking requests, their lines, bookings): a
 * UUID version 7 (RFC 9562), which starts with the time, so ids made one after the other
 * sort one after the other. Each insert then lands at the end of the primary-key index,
 * not on a random page of it. Measured in the booking-rush benchmark (random v4 → v7):
 * inserting a request's five lines went from ~75 µs to ~45 µs of SQLite, and a group
 * commit from ~750 µs to ~500 µs, fewer pages being written. The id tells when the row was
 * made, to the millisecond: these rows show their creation time to whoever sees them anyway.
 */
export function timeOrderedId(): string {
  return v7();
}
