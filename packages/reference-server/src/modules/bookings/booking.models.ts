import { DataTypes, Model, type Sequelize } from 'sequelize';
import type { DeadlineRule } from './rules/deadlines.js';

export class Facility extends Model {
  declare id: string;
  declare commune_id: string;
  declare name: string;
}

export class Activity extends Model {
  declare id: string;
  declare commune_id: string;
  declare facility_id: string;
  declare name: string;
  declare unit: 'day' | 'half_day' | 'slot';
  declare processing: 'immediate' | 'staff_review';
  declare booking_deadline: string;
  declare cancellation_deadline: string;
  declare capacity_per_day: number | null;
  declare overflow: 'refuse' | 'waiting_list';
  declare weekdays: string;
  declare position: number;

  get bookingRule(): DeadlineRule {
    return JSON.parse(this.booking_deadline) as DeadlineRule;
  }
  get cancellationRule(): DeadlineRule {
    return JSON.parse(this.cancellation_deadline) as DeadlineRule;
  }
  get weekdayList(): number[] {
    return JSON.parse(this.weekdays) as number[];
  }
}

export class Closure extends Model {
  declare id: string;
  declare commune_id: string;
  declare facility_id: string | null;
  declare start_date: string;
  declare end_date: string;
  declare label: string;
}

export class Enrolment extends Model {
  declare id: string;
  declare commune_id: string;
  declare child_id: string;
  declare activity_id: string;
  declare valid_from: string;
  declare valid_to: string;
}

export class BookingPeriod extends Model {
  declare id: string;
  declare commune_id: string;
  declare facility_id: string;
  declare name: string;
  declare start_date: string;
  declare end_date: string;
  declare opens_at: Date;
  declare closes_at: Date;
  declare activity_ids: string;

  get activityIdList(): string[] {
    return JSON.parse(this.activity_ids) as string[];
  }
}

export class ActivityDay extends Model {
  declare activity_id: string;
  declare date: string;
  declare commune_id: string;
  declare booked: number;
}

export type BookingStateName = 'booked' | 'pending' | 'waiting_list' | 'refused' | 'cancelled' | 'excused_absence';

export class Booking extends Model {
  declare id: string;
  declare commune_id: string;
  declare child_id: string;
  declare activity_id: string;
  declare date: string;
  declare state: BookingStateName;
  declare updated_at: Date;
}

export class BookingRequest extends Model {
  declare id: string;
  declare commune_id: string;
  declare number: number;
  declare family_id: string;
  declare child_id: string;
  declare period_id: string;
  declare account_id: string;
  declare status: 'accepted' | 'pending' | 'partially_accepted' | 'refused';
  declare created_at: Date;
  declare lines?: BookingRequestLine[];
}

/** A request's columns as plain data: what a booking request writes, without building a model instance. */
export type BookingRequestRow = Pick<
  BookingRequest,
  'id' | 'commune_id' | 'number' | 'family_id' | 'child_id' | 'period_id' | 'account_id' | 'status' | 'created_at'
>;

export class BookingRequestLine extends Model {
  declare id: string;
  declare request_id: string;
  declare date: string;
  declare activity_id: string;
  declare action: 'add' | 'cancel';
  declare outcome: 'accepted' | 'pending' | 'waiting_list' | 'refused';
  declare reason: string | null;
  declare comment: string | null;
  declare position: number;
}

/** A request line's columns as plain data. */
export type BookingRequestLineRow = Pick<
  BookingRequestLine,
  'id' | 'request_id' | 'date' | 'activity_id' | 'action' | 'outcome' | 'reason' | 'comment' | 'position'
>;

export function initBookingModels(sequelize: Sequelize): void {
  const id = { type: DataTypes.STRING(64), primaryKey: true };
  const plain = (tableName: string) => ({ sequelize, tableName, timestamps: false });
  Facility.init({ id, commune_id: DataTypes.STRING, name: DataTypes.STRING }, plain('facilities'));
  Activity.init(
    {
      id,
      commune_id: DataTypes.STRING,
      facility_id: DataTypes.STRING,
      name: DataTypes.STRING,
      unit: DataTypes.STRING,
      processing: DataTypes.STRING,
      booking_deadline: DataTypes.TEXT,
      cancellation_deadline: DataTypes.TEXT,
      capacity_per_day: DataTypes.INTEGER,
      overflow: DataTypes.STRING,
      weekdays: DataTypes.TEXT,
      position: DataTypes.INTEGER,
    },
    plain('activities'),
  );
  Closure.init(
    {
      id,
      commune_id: DataTypes.STRING,
      facility_id: DataTypes.STRING,
      start_date: DataTypes.DATEONLY,
      end_date: DataTypes.DATEONLY,
      label: DataTypes.STRING,
    },
    plain('closures'),
  );
  Enrolment.init(
    {
      id,
      commune_id: DataTypes.STRING,
      child_id: DataTypes.STRING,
      activity_id: DataTypes.STRING,
      valid_from: DataTypes.DATEONLY,
      valid_to: DataTypes.DATEONLY,
    },
    plain('enrolments'),
  );
  BookingPeriod.init(
    {
      id,
      commune_id: DataTypes.STRING,
      facility_id: DataTypes.STRING,
      name: DataTypes.STRING,
      start_date: DataTypes.DATEONLY,
      end_date: DataTypes.DATEONLY,
      opens_at: DataTypes.DATE,
      closes_at: DataTypes.DATE,
      activity_ids: DataTypes.TEXT,
    },
    plain('booking_periods'),
  );
  ActivityDay.init(
    {
      activity_id: { type: DataTypes.STRING, primaryKey: true },
      date: { type: DataTypes.DATEONLY, primaryKey: true },
      commune_id: DataTypes.STRING,
      booked: DataTypes.INTEGER,
    },
    plain('activity_days'),
  );
  Booking.init(
    {
      id,
      commune_id: DataTypes.STRING,
      child_id: DataTypes.STRING,
      activity_id: DataTypes.STRING,
      date: DataTypes.DATEONLY,
      state: DataTypes.STRING,
      updated_at: DataTypes.DATE,
    },
    plain('bookings'),
  );
  BookingRequest.init(
    {
      id,
      commune_id: DataTypes.STRING,
      number: DataTypes.INTEGER,
      family_id: DataTypes.STRING,
      child_id: DataTypes.STRING,
      period_id: DataTypes.STRING,
      account_id: DataTypes.STRING,
      status: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    plain('booking_requests'),
  );
  BookingRequestLine.init(
    {
      id,
      request_id: DataTypes.STRING,
      date: DataTypes.DATEONLY,
      activity_id: DataTypes.STRING,
      action: DataTypes.STRING,
      outcome: DataTypes.STRING,
      reason: DataTypes.STRING,
      comment: DataTypes.STRING,
      position: DataTypes.INTEGER,
    },
    plain('booking_request_lines'),
  );
  if (!BookingRequest.associations.lines) BookingRequest.hasMany(BookingRequestLine, { foreignKey: 'request_id', as: 'lines' });
}
