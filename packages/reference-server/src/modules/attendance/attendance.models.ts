import { DataTypes, Model, type Sequelize } from 'sequelize';

export type AttendanceStatus = 'present' | 'absent';
export type AbsenceStatus = 'declared' | 'excused' | 'not_excused';

/** One child recorded on one activity's day (« l'appel »); no booking: an unbooked attendance. */
export class Attendance extends Model {
  declare id: string;
  declare commune_id: string;
  declare activity_id: string;
  declare date: string;
  declare child_id: string;
  declare booking_id: string | null;
  declare status: AttendanceStatus;
  declare recorded_by: string;
  declare recorded_at: Date;
}

/** An absence on a booked day, declared by the family or staff; staff decide if it is excused. */
export class Absence extends Model {
  declare id: string;
  declare commune_id: string;
  declare child_id: string;
  declare activity_id: string;
  declare date: string;
  declare booking_id: string;
  declare status: AbsenceStatus;
  declare declared_by: 'family' | 'staff';
  declare comment: string | null;
  declare document_id: string | null;
  declare created_at: Date;
  declare decided_at: Date | null;
}

export function initAttendanceModels(sequelize: Sequelize): void {
  const id = { type: DataTypes.STRING(64), primaryKey: true };
  const plain = (tableName: string) => ({ sequelize, tableName, timestamps: false });
  Attendance.init(
    {
      id,
      commune_id: DataTypes.STRING,
      activity_id: DataTypes.STRING,
      date: DataTypes.DATEONLY,
      child_id: DataTypes.STRING,
      booking_id: DataTypes.STRING,
      status: DataTypes.STRING,
      recorded_by: DataTypes.STRING,
      recorded_at: DataTypes.DATE,
    },
    plain('attendances'),
  );
  Absence.init(
    {
      id,
      commune_id: DataTypes.STRING,
      child_id: DataTypes.STRING,
      activity_id: DataTypes.STRING,
      date: DataTypes.DATEONLY,
      booking_id: DataTypes.STRING,
      status: DataTypes.STRING,
      declared_by: DataTypes.STRING,
      comment: DataTypes.STRING,
      document_id: DataTypes.STRING,
      created_at: DataTypes.DATE,
      decided_at: DataTypes.DATE,
    },
    plain('absences'),
  );
}
