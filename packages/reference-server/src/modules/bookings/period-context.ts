import { literal, Op } from 'sequelize';
import { HttpProblem } from '../../platform/http/problem.js';
import type { Account } from '../accounts/account.models.js';
import { Child } from '../families/family.models.js';
import { Activity, ActivityDay, Booking, BookingPeriod, Closure, Enrolment } from './booking.models.js';
import type { CivilDate } from './rules/civil-date.js';
import { openDays } from './rules/open-days.js';

/** The logged-in parent's child, or 404 (another family's child is "not found", revealing nothing). */
export async function childOfParent(communeId: string, account: Account, childId: string): Promise<Child> {
  if (!account.guardian_id) throw new HttpProblem(404, 'not_found');
  // One statement: the child, provided it belongs to the family of the account's guardian.
  const guardianFamily = literal(
    `(SELECT family_id FROM guardians WHERE id = ${escape(account.guardian_id)} AND commune_id = ${escape(communeId)})`,
  );
  const child = await Child.findOne({ where: { id: childId, commune_id: communeId, family_id: { [Op.eq]: guardianFamily } } });
  if (!child) throw new HttpProblem(404, 'not_found');
  return child;
}

const escape = (value: string): string => Child.sequelize?.escape(value) ?? "''";

export function periodStatus(period: BookingPeriod, now: Date): 'upcoming' | 'open' | 'closed' {
  if (now < period.opens_at) return 'upcoming';
  return now <= period.closes_at ? 'open' : 'closed';
}

/** Everything needed to judge a child's days in one period. */
export class PeriodContext {
  constructor(
    readonly period: BookingPeriod,
    readonly activities: Activity[],
    readonly closures: { start: CivilDate; end: CivilDate }[],
    readonly enrolments: Enrolment[],
  ) {}

  static async load(communeId: string, childId: string, periodId: string): Promise<PeriodContext> {
    const period = await BookingPeriod.findOne({ where: { id: periodId, commune_id: communeId } });
    if (!period) throw new HttpProblem(404, 'not_found');
    const [activities, closures, enrolments] = await Promise.all([
      Activity.findAll({ where: { id: period.activityIdList, commune_id: communeId }, order: [['position', 'ASC']] }),
      Closure.findAll({
        where: {
          commune_id: communeId,
          [Op.or]: [{ facility_id: null }, { facility_id: period.facility_id }],
          start_date: { [Op.lte]: period.end_date },
          end_date: { [Op.gte]: period.start_date },
        },
      }),
      Enrolment.findAll({ where: { commune_id: communeId, child_id: childId } }),
    ]);
    return new PeriodContext(
      period,
      activities,
      closures.map((c) => ({ start: c.start_date, end: c.end_date })),
      enrolments,
    );
  }

  readonly #openDays = new Map<string, CivilDate[]>();

  activity(activityId: string): Activity | undefined {
    return this.activities.find((a) => a.id === activityId);
  }

  /** The days the activity runs in this period. */
  openDaysOf(activity: Activity): CivilDate[] {
    let days = this.#openDays.get(activity.id);
    if (!days) {
      days = openDays({ start: this.period.start_date, end: this.period.end_date }, activity.weekdayList, this.closures);
      this.#openDays.set(activity.id, days);
    }
    return days;
  }

  runsOn(activity: Activity, date: CivilDate): boolean {
    return this.openDaysOf(activity).includes(date);
  }

  enrolledOn(activityId: string, date: CivilDate): boolean {
    return this.enrolments.some((e) => e.activity_id === activityId && e.valid_from <= date && date <= e.valid_to);
  }

  async bookings(childId: string): Promise<Booking[]> {
    return Booking.findAll({
      where: {
        child_id: childId,
        activity_id: this.activities.map((a) => a.id),
        date: { [Op.between]: [this.period.start_date, this.period.end_date] },
      },
    });
  }

  async counters(): Promise<ActivityDay[]> {
    return ActivityDay.findAll({
      where: { activity_id: this.activities.map((a) => a.id), date: { [Op.between]: [this.period.start_date, this.period.end_date] } },
    });
  }
}
