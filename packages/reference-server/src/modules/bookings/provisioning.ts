import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { Activity, BookingPeriod, Closure, Enrolment, Facility } from './booking.models.js';
import type { DeadlineRule } from './rules/deadlines.js';

/**
 * Setting up facilities, activities, periods and enrolments. Staff endpoints for these
 * come with the back-office work of the bookings issue; the seed and tests use these.
 */
export async function createFacility(ctx: AppContext, communeId: string, name: string): Promise<Facility> {
  return ctx.db.write((transaction) => Facility.create({ id: randomUUID(), commune_id: communeId, name }, { transaction }));
}

export interface ActivityInput {
  name: string;
  unit?: 'day' | 'half_day' | 'slot';
  processing?: 'immediate' | 'staff_review';
  bookingDeadline: DeadlineRule;
  cancellationDeadline: DeadlineRule;
  capacityPerDay?: number | null;
  overflow?: 'refuse' | 'waiting_list';
  weekdays: number[];
  position?: number;
}

export async function createActivity(ctx: AppContext, facility: Facility, input: ActivityInput): Promise<Activity> {
  return ctx.db.write((transaction) =>
    Activity.create(
      {
        id: randomUUID(),
        commune_id: facility.commune_id,
        facility_id: facility.id,
        name: input.name,
        unit: input.unit ?? 'day',
        processing: input.processing ?? 'immediate',
        booking_deadline: JSON.stringify(input.bookingDeadline),
        cancellation_deadline: JSON.stringify(input.cancellationDeadline),
        capacity_per_day: input.capacityPerDay ?? null,
        overflow: input.overflow ?? 'refuse',
        weekdays: JSON.stringify(input.weekdays),
        position: input.position ?? 0,
      },
      { transaction },
    ),
  );
}

export async function createPeriod(
  ctx: AppContext,
  facility: Facility,
  input: { name: string; start: string; end: string; opensAt: Date; closesAt: Date; activities: Activity[] },
): Promise<BookingPeriod> {
  return ctx.db.write((transaction) =>
    BookingPeriod.create(
      {
        id: randomUUID(),
        commune_id: facility.commune_id,
        facility_id: facility.id,
        name: input.name,
        start_date: input.start,
        end_date: input.end,
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        activity_ids: JSON.stringify(input.activities.map((a) => a.id)),
      },
      { transaction },
    ),
  );
}

export async function enrol(
  ctx: AppContext,
  communeId: string,
  childId: string,
  activity: Activity,
  validFrom: string,
  validTo: string,
): Promise<void> {
  await ctx.db.write((transaction) =>
    Enrolment.create(
      { id: randomUUID(), commune_id: communeId, child_id: childId, activity_id: activity.id, valid_from: validFrom, valid_to: validTo },
      { transaction },
    ),
  );
}

export async function addClosure(
  ctx: AppContext,
  communeId: string,
  input: { facilityId?: string | null; start: string; end: string; label: string },
): Promise<void> {
  await ctx.db.write((transaction) =>
    Closure.create(
      {
        id: randomUUID(),
        commune_id: communeId,
        facility_id: input.facilityId ?? null,
        start_date: input.start,
        end_date: input.end,
        label: input.label,
      },
      { transaction },
    ),
  );
}
