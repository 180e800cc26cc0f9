import type { Activity, BookingPeriod, Facility } from './booking.models.js';
import { toActivity, toPeriod } from './serialize.js';

/**
 * What a child can book: per facility, the enrolled activities and the periods covering
 * them. An empty answer carries its reason, so the widget never shows a silent blank.
 */
export function serializeOptions(args: {
  childId: string;
  facilities: Facility[];
  activities: Activity[];
  periods: BookingPeriod[];
  now: Date;
}) {
  const { childId, facilities, activities, periods, now } = args;
  const enrolledIds = new Set(activities.map((a) => a.id));
  const shown = facilities.map((facility) => {
    const own = activities.filter((a) => a.facility_id === facility.id);
    return {
      id: facility.id,
      name: facility.name,
      activities: own.map(toActivity),
      periods: periods
        .filter((p) => p.facility_id === facility.id && p.activityIdList.some((id) => enrolledIds.has(id)))
        .map((p) => toPeriod(p, now)),
    };
  });
  const allPeriods = shown.flatMap((f) => f.periods);
  let notice: { code: 'not_enrolled' | 'no_open_period'; nextOpening: string | null } | null = null;
  if (activities.length === 0) notice = { code: 'not_enrolled', nextOpening: null };
  else if (!allPeriods.some((p) => p.status === 'open')) {
    const upcoming = allPeriods
      .filter((p) => p.status === 'upcoming')
      .map((p) => p.opensAt)
      .sort();
    notice = { code: 'no_open_period', nextOpening: upcoming[0] ?? null };
  }
  return { childId, facilities: shown, notice };
}
