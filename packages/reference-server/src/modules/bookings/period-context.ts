import { Op, type Sequelize, type Transaction } from 'sequelize';
import { columnsOf, instanceOf, prefixedColumns, selectInstances, selectRows, unprefixed } from '../../platform/db/rows.js';
import { HttpProblem } from '../../platform/http/problem.js';
import type { Account } from '../accounts/account.models.js';
import { Child } from '../families/family.models.js';
import { Activity, ActivityDay, Booking, BookingPeriod, Closure, Enrolment } from './booking.models.js';
import type { CivilDate } from './rules/civil-date.js';
import { isOpenDay, openDays } from './rules/open-days.js';

/** The logged-in parent's child, or 404 (another family's child is "not found", revealing nothing). */
export async function childOfParent(communeId: string, account: Account, childId: string, transaction?: Transaction): Promise<Child> {
  if (!account.guardian_id) throw new HttpProblem(404, 'not_found');
  // One statement: the child, provided it belongs to the family of the account's guardian.
  const [child] = await selectInstances(
    Child,
    `SELECT ${columnsOf(Child, 'c')} FROM children c JOIN guardians g ON g.family_id = c.family_id
     WHERE c.id = :childId AND c.commune_id = :communeId AND g.id = :guardianId AND g.commune_id = :communeId`,
    { childId, communeId, guardianId: account.guardian_id },
    transaction,
  );
  if (!child) throw new HttpProblem(404, 'not_found');
  return child;
}

export function periodStatus(period: BookingPeriod, now: Date): 'upcoming' | 'open' | 'closed' {
  if (now < period.opens_at) return 'upcoming';
  return now <= period.closes_at ? 'open' : 'closed';
}

function sequelizeOf(model: { sequelize?: Sequelize }): Sequelize {
  if (!model.sequelize) throw new Error('models are not initialised');
  return model.sequelize;
}

/** The columns of a period (`p`) and of an enrolment (`e`), prefixed, for a statement that joins them. */
const periodAndEnrolment = () => `${prefixedColumns(BookingPeriod, 'p', 'p_')}, ${prefixedColumns(Enrolment, 'e', 'e_')}`;

/** Everything needed to judge a child's days in one period. */
export class PeriodContext {
  constructor(
    readonly period: BookingPeriod,
    readonly activities: Activity[],
    readonly closures: { start: CivilDate; end: CivilDate }[],
    readonly enrolments: Enrolment[],
  ) {}

  /** The period, its activities and closures, and the child's enrolments, as they are now. */
  static async load(communeId: string, childId: string, periodId: string): Promise<PeriodContext> {
    return (await PeriodContext.withoutCatalogue(communeId, childId, periodId)).withCatalogue(communeId);
  }

  /**
   * The period and the child's enrolments only (one statement), without the activities and
   * closures: see `withCatalogue`. A booking request reads these with its child, before its
   * write transaction (`ofParentsChild`).
   */
  static async withoutCatalogue(communeId: string, childId: string, periodId: string): Promise<PeriodContext> {
    const rows = await selectRows(
      sequelizeOf(BookingPeriod),
      `SELECT ${periodAndEnrolment()}
       FROM booking_periods p LEFT JOIN enrolments e ON e.commune_id = p.commune_id AND e.child_id = :childId
       WHERE p.id = :periodId AND p.commune_id = :communeId`,
      { periodId, communeId, childId },
    );
    return PeriodContext.#fromRows(rows);
  }

  /**
   * The parent's child, and the period with the child's enrolments, in one statement (every
   * booking request starts here): 404 when the child is not of the account's family (another
   * family's child is "not found", revealing nothing) or the period does not exist.
   */
  static async ofParentsChild(
    communeId: string,
    account: Account,
    childId: string,
    periodId: string,
  ): Promise<{ child: Child; context: PeriodContext }> {
    if (!account.guardian_id) throw new HttpProblem(404, 'not_found');
    const rows = await selectRows(
      sequelizeOf(Child),
      `SELECT ${prefixedColumns(Child, 'c', 'c_')}, ${periodAndEnrolment()}
       FROM children c JOIN guardians g ON g.family_id = c.family_id
       LEFT JOIN booking_periods p ON p.id = :periodId AND p.commune_id = :communeId
       LEFT JOIN enrolments e ON e.commune_id = :communeId AND e.child_id = c.id
       WHERE c.id = :childId AND c.commune_id = :communeId AND g.id = :guardianId AND g.commune_id = :communeId`,
      { childId, periodId, communeId, guardianId: account.guardian_id },
    );
    const [first] = rows;
    if (!first) throw new HttpProblem(404, 'not_found');
    return { child: instanceOf(Child, unprefixed(first, 'c_')), context: PeriodContext.#fromRows(rows) };
  }

  /** The period (`p_…`, on every row; none: 404) and the enrolments (`e_…`, one a row, or none) of one statement's rows. */
  static #fromRows(rows: Record<string, unknown>[]): PeriodContext {
    const [first] = rows;
    if (!first || first.p_id === null) throw new HttpProblem(404, 'not_found');
    const enrolments = rows.filter((row) => row.e_id !== null).map((row) => instanceOf(Enrolment, unprefixed(row, 'e_')));
    return new PeriodContext(instanceOf(BookingPeriod, unprefixed(first, 'p_')), [], [], enrolments);
  }

  /**
   * The same context with the activities (capacity, deadlines, weekdays) and closures read
   * now. Given a booking request's write transaction, it reads what staff may have changed as
   * of that transaction: SQLite's single writer then orders the request after or before any
   * staff change; on PostgreSQL the activities are also share-locked, so a capacity change or
   * a closure (which lock them for update) waits for this request, or this request for it.
   */
  async withCatalogue(communeId: string, transaction?: Transaction): Promise<PeriodContext> {
    const { period } = this;
    const shareLock = transaction && BookingPeriod.sequelize?.getDialect() === 'postgres' ? ' FOR KEY SHARE' : '';
    const ids = period.activityIdList;
    const readActivities = () =>
      ids.length === 0
        ? Promise.resolve([])
        : selectInstances(
            Activity,
            `SELECT ${columnsOf(Activity, 'a')} FROM activities a WHERE a.commune_id = :communeId AND a.id IN (:ids) ORDER BY a.id${shareLock}`,
            { communeId, ids },
            transaction,
          );
    const readClosures = () =>
      selectInstances(
        Closure,
        `SELECT ${columnsOf(Closure, 'c')} FROM closures c WHERE c.commune_id = :communeId
         AND (c.facility_id IS NULL OR c.facility_id = :facilityId) AND c.start_date <= :end AND c.end_date >= :start`,
        { communeId, facilityId: period.facility_id, start: period.start_date, end: period.end_date },
        transaction,
      );
    // On SQLite both go at once (they queue on the connection); a PostgreSQL client runs one
    // query at a time, and pg 9 refuses a second one sent before the first answers.
    const [activities, closures] = shareLock
      ? [await readActivities(), await readClosures()]
      : await Promise.all([readActivities(), readClosures()]);
    return new PeriodContext(
      period,
      activities.sort((a, b) => a.position - b.position),
      closures.map((c) => ({ start: c.start_date, end: c.end_date })),
      this.enrolments,
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

  /** Whether the activity runs on this day of the period (a booking request asks it of a few days, not of all). */
  runsOn(activity: Activity, date: CivilDate): boolean {
    return isOpenDay(date, { start: this.period.start_date, end: this.period.end_date }, activity.weekdayList, this.closures);
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
