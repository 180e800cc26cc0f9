import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { admit, placesLeft } from '../src/modules/bookings/rules/capacity.js';
import { addDays, civilDateOf, eachDay, eachWeekday, weekday, ZONE } from '../src/modules/bookings/rules/civil-date.js';
import { beforeDeadline, type DeadlineRule, deadlineOf } from '../src/modules/bookings/rules/deadlines.js';
import { isOpenDay, openDays } from '../src/modules/bookings/rules/open-days.js';

/** Civil dates between 2020 and 2035, DST weeks included. */
const civilDate = fc
  .date({ min: new Date('2020-01-01T12:00:00Z'), max: new Date('2035-12-31T12:00:00Z'), noInvalidDate: true })
  .map((d) => civilDateOf(d));
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const daysBefore = fc.record({ kind: fc.constant('days_before' as const), days: fc.integer({ min: 0, max: 14 }), time });
const weekBefore = fc.record({ kind: fc.constant('weekday_of_previous_week' as const), weekday: fc.integer({ min: 1, max: 7 }), time });
const rule: fc.Arbitrary<DeadlineRule> = fc.oneof(daysBefore, weekBefore);
const paris = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE });

describe('deadlines (Europe/Paris)', () => {
  it('« 2 jours avant à 12 h » around the spring and autumn clock changes', () => {
    const rule: DeadlineRule = { kind: 'days_before', days: 2, time: '12:00' };
    // Clocks go forward on Sunday 29 March 2026: Saturday noon is still UTC+1.
    assert.equal(deadlineOf('2026-03-30', rule).toISOString(), '2026-03-28T11:00:00.000Z');
    assert.equal(deadlineOf('2026-03-31', rule).toISOString(), '2026-03-29T10:00:00.000Z');
    // Clocks go back on Sunday 25 October 2026.
    assert.equal(deadlineOf('2026-10-26', rule).toISOString(), '2026-10-24T10:00:00.000Z');
    assert.equal(deadlineOf('2026-10-27', rule).toISOString(), '2026-10-25T11:00:00.000Z');
  });

  it('« le jeudi midi pour la semaine suivante »', () => {
    const rule: DeadlineRule = { kind: 'weekday_of_previous_week', weekday: 4, time: '12:00' };
    for (const day of eachDay('2026-03-30', '2026-04-05')) {
      assert.equal(deadlineOf(day, rule).toISOString(), '2026-03-26T11:00:00.000Z', day);
    }
    assert.equal(beforeDeadline(new Date('2026-03-26T10:59:59Z'), '2026-04-01', rule), true);
    assert.equal(beforeDeadline(new Date('2026-03-26T11:00:01Z'), '2026-04-01', rule), false);
  });

  it('the deadline falls at the stated wall-clock time in Paris, whatever the season', () => {
    fc.assert(
      fc.property(civilDate, rule, (day, r) => {
        const local = paris(deadlineOf(day, r));
        const [h, m] = r.time.split(':').map(Number);
        const skipped = local.isInDST && h === 2; // 02:xx does not exist on the spring change night
        if (!skipped) assert.equal(local.toFormat('HH:mm'), r.time);
        assert.equal(m, local.minute);
      }),
    );
  });

  it('a deadline of at least one day before is before the day begins, and never moves backwards for a later day', () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 1, max: 40 }), rule, (day, gap, r) => {
        const deadline = deadlineOf(day, r).getTime();
        const dayStarts = DateTime.fromISO(day, { zone: ZONE }).toMillis();
        if (r.kind === 'weekday_of_previous_week' || r.days >= 1) assert.ok(deadline < dayStarts);
        assert.ok(deadlineOf(addDays(day, gap), r).getTime() >= deadline);
      }),
    );
  });

  it('one more day of notice means an earlier deadline, by one calendar day in Paris', () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 0, max: 13 }), time, (day, days, t) => {
        const a = paris(deadlineOf(day, { kind: 'days_before', days, time: t }));
        const b = paris(deadlineOf(day, { kind: 'days_before', days: days + 1, time: t }));
        assert.ok(b < a);
        assert.equal(a.startOf('day').diff(b.startOf('day'), 'days').days, 1);
      }),
    );
  });

  it('the whole week shares one weekly deadline, in the previous week', () => {
    fc.assert(
      fc.property(civilDate, weekBefore, (day, r) => {
        const monday = addDays(day, 1 - weekday(day));
        const expected = deadlineOf(monday, r).getTime();
        for (let i = 0; i < 7; i++) assert.equal(deadlineOf(addDays(monday, i), r).getTime(), expected);
        assert.ok(expected < DateTime.fromISO(monday, { zone: ZONE }).toMillis());
      }),
    );
  });
});

describe('open days', () => {
  it('keeps the weekdays the activity runs, less closures', () => {
    const days = openDays({ start: '2026-03-09', end: '2026-03-29' }, [1, 2, 4, 5], [{ start: '2026-03-19', end: '2026-03-20' }]);
    assert.deepEqual(days, [
      '2026-03-09',
      '2026-03-10',
      '2026-03-12',
      '2026-03-13',
      '2026-03-16',
      '2026-03-17',
      '2026-03-23',
      '2026-03-24',
      '2026-03-26',
      '2026-03-27',
    ]);
  });

  it('a date that does not exist is never an open day', () => {
    assert.equal(isOpenDay('2026-02-30', { start: '2026-02-01', end: '2026-03-31' }, [1, 2, 3, 4, 5, 6, 7], []), false);
    assert.equal(isOpenDay('2026-02-28', { start: '2026-02-01', end: '2026-03-31' }, [1, 2, 3, 4, 5, 6, 7], []), true);
  });

  it('counts weekdays right on both sides of 1970-01-01 (day 0 of the arithmetic)', () => {
    assert.deepEqual(eachWeekday('1969-12-27', '1970-01-05', new Set([1, 7])), ['1969-12-28', '1969-12-29', '1970-01-04', '1970-01-05']);
  });

  it('never returns a closed day, a day outside the period or a day the activity does not run', () => {
    fc.assert(
      fc.property(
        civilDate,
        fc.integer({ min: 0, max: 90 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 10 })), { maxLength: 4 }),
        (start, length, weekdays, closureSpecs) => {
          const end = addDays(start, length);
          const closures = closureSpecs.map(([from, span]) => ({ start: addDays(start, from), end: addDays(start, from + span) }));
          const days = openDays({ start, end }, weekdays, closures);
          for (const day of days) {
            assert.ok(start <= day && day <= end);
            assert.ok(weekdays.includes(weekday(day)));
            assert.ok(!closures.some((c) => c.start <= day && day <= c.end));
          }
          assert.deepEqual(days, [...days].sort());
          // …and misses none: every day of the period on those weekdays and not closed.
          const expected = eachDay(start, end).filter(
            (d) => weekdays.includes(weekday(d)) && !closures.some((c) => c.start <= d && d <= c.end),
          );
          assert.deepEqual(days, expected);
          // One day asked alone answers the same, days just outside the period included.
          for (const d of eachDay(addDays(start, -2), addDays(end, 2))) {
            assert.equal(isOpenDay(d, { start, end }, weekdays, closures), days.includes(d), d);
          }
        },
      ),
    );
  });
});

describe('capacity', () => {
  it('admits while places are left; then refuses or puts on the waiting list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('refuse' as const, 'waiting_list' as const),
        (capacity, booked, overflow) => {
          const outcome = admit(capacity, booked, overflow);
          if (booked < capacity) assert.equal(outcome, 'booked');
          else assert.equal(outcome, overflow === 'refuse' ? 'full' : 'waiting_list');
          assert.equal(placesLeft(capacity, booked), Math.max(0, capacity - booked));
        },
      ),
    );
    assert.equal(admit(null, 10_000, 'refuse'), 'booked', 'no capacity set: unlimited');
    assert.equal(placesLeft(null, 3), null);
  });
});
