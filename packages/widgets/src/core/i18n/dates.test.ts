import { equal, ok } from '../../testing/assert.js';
import { sameDay } from './dates.js';
import { en, fr } from './index.js';

// Deadlines and openings are set on the commune's clock: a parent reads « 12 h 00 » for a
// noon deadline whatever the device's own time zone (this page's browser runs in UTC), in
// winter (UTC+1) and in summer (UTC+2), on both sides of the change of the last Sunday of March.
describe('times shown on the commune’s clock (Europe/Paris)', () => {
  it('a noon deadline reads noon in winter and in summer, in French and in English', () => {
    const winter = new Date('2026-03-27T11:00:00Z');
    const summer = new Date('2026-03-30T10:00:00Z');
    equal(fr.booking.dateTime(winter), '27/03/2026 à 12\u00a0h\u00a000');
    equal(fr.booking.dateTime(summer), '30/03/2026 à 12\u00a0h\u00a000');
    equal(en.booking.dateTime(summer), '30/03/2026 at 12:00');
    equal(fr.staff.dateTime(summer), '30/03/2026 à 12\u00a0h\u00a000');
  });

  it('the day is the commune’s: half past midnight in Paris is already the next day', () => {
    const late = new Date('2026-03-28T23:30:00Z'); // 00:30 on Sunday 29 March in Paris
    equal(fr.booking.dateTime(late), '29/03/2026 à 0\u00a0h\u00a030');
    ok(sameDay(late, new Date('2026-03-29T12:00:00Z')), 'same day in Paris');
    ok(!sameDay(late, new Date('2026-03-28T12:00:00Z')), 'not the day before');
  });
});
