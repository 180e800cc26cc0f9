import { randomUUID } from 'node:crypto';

/**
 * An id for the rows written by the thousand (booking requests, their lines, bookings): a
 * UUID version 7 (RFC 9562), which starts with the time in milliseconds, so ids made one
 * after the other sort one after the other. Each insert then lands at the end of the
 * primary-key index, not on a random page of it. Measured in the booking-rush benchmark
 * (random v4 → v7): inserting a request's five lines went from ~75 µs to ~45 µs of SQLite,
 * and a group commit from ~750 µs to ~500 µs, fewer pages being written. The id tells when
 * the row was made, to the millisecond: these rows show their creation time to whoever sees
 * them anyway.
 *
 * Its 74 random bits are those of a v4 UUID from node, which draws them from a pool (the
 * uuid package asks the system for 16 bytes per id: 3.6% of the benchmark's CPU).
 */
export function timeOrderedId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // v4: xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, all random but the version and the variant V.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
