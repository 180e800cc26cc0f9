import type { Child } from '../families/family.models.js';
import { PeriodContext, periodStatus } from './period-context.js';
import { placesLeft } from './rules/capacity.js';
import { type CellState, cellStatus } from './rules/cell-status.js';
import { toActivity, toPeriod } from './serialize.js';

/** The planner of one child for one period, as the parent sees it now. */
export async function buildPlanner(communeId: string, child: Child, periodId: string, now = new Date()) {
  const ctx = await PeriodContext.load(communeId, child.id, periodId);
  const [bookings, counters] = await Promise.all([ctx.bookings(child.id), ctx.counters()]);
  const periodOpen = periodStatus(ctx.period, now) === 'open';
  const days = [...new Set(ctx.activities.flatMap((a) => ctx.openDaysOf(a)))].sort();
  return {
    childId: child.id,
    period: toPeriod(ctx.period, now),
    activities: ctx.activities.map(toActivity),
    days: days.map((date) => ({
      date,
      // An activity that does not run that day (ALE mercredi on a Monday) has no cell: the
      // planner shows « — » rather than a locked box with places.
      cells: ctx.activities
        .filter((activity) => ctx.runsOn(activity, date))
        .map((activity) => {
          const state: CellState = bookings.find((b) => b.activity_id === activity.id && b.date === date)?.state ?? 'none';
          const booked = counters.find((c) => c.activity_id === activity.id && c.date === date)?.booked ?? 0;
          const left = placesLeft(activity.capacity_per_day, booked);
          const status = cellStatus({
            now,
            date,
            state,
            periodOpen,
            enrolled: ctx.enrolledOn(activity.id, date),
            closed: false,
            placesLeft: left,
            overflow: activity.overflow,
            bookingRule: activity.bookingRule,
            cancellationRule: activity.cancellationRule,
          });
          return {
            activityId: activity.id,
            state,
            changeable: status.changeable,
            lockedReason: status.lockedReason,
            placesLeft: left,
            deadline: status.deadline.toISOString(),
          };
        }),
    })),
  };
}
