import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.STRING(64), primaryKey: true, allowNull: false };
const ref = (model: string, allowNull = false) => ({
  type: DataTypes.STRING(64),
  allowNull,
  references: { model, key: 'id' },
  onDelete: 'CASCADE',
});

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('facilities', {
    id,
    commune_id: ref('communes'),
    name: { type: DataTypes.STRING(200), allowNull: false },
  });

  await qi.createTable('activities', {
    id,
    commune_id: ref('communes'),
    facility_id: ref('facilities'),
    name: { type: DataTypes.STRING(200), allowNull: false },
    unit: { type: DataTypes.STRING(10), allowNull: false },
    processing: { type: DataTypes.STRING(20), allowNull: false },
    /** DeadlineRule as JSON. */
    booking_deadline: { type: DataTypes.TEXT, allowNull: false },
    cancellation_deadline: { type: DataTypes.TEXT, allowNull: false },
    capacity_per_day: { type: DataTypes.INTEGER, allowNull: true },
    overflow: { type: DataTypes.STRING(20), allowNull: false },
    /** JSON array of ISO weekdays the activity runs (1 = Monday). */
    weekdays: { type: DataTypes.TEXT, allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });

  await qi.createTable('closures', {
    id,
    commune_id: ref('communes'),
    /** Null: the whole commune (school holidays); else one facility. */
    facility_id: ref('facilities', true),
    start_date: { type: DataTypes.DATEONLY, allowNull: false },
    end_date: { type: DataTypes.DATEONLY, allowNull: false },
    label: { type: DataTypes.STRING(200), allowNull: false },
  });

  await qi.createTable('enrolments', {
    id,
    commune_id: ref('communes'),
    child_id: ref('children'),
    activity_id: ref('activities'),
    /** The school year, e.g. 2026-09-01 to 2027-08-31. */
    valid_from: { type: DataTypes.DATEONLY, allowNull: false },
    valid_to: { type: DataTypes.DATEONLY, allowNull: false },
  });
  await qi.addIndex('enrolments', ['child_id', 'activity_id']);

  await qi.createTable('booking_periods', {
    id,
    commune_id: ref('communes'),
    facility_id: ref('facilities'),
    name: { type: DataTypes.STRING(200), allowNull: false },
    start_date: { type: DataTypes.DATEONLY, allowNull: false },
    end_date: { type: DataTypes.DATEONLY, allowNull: false },
    opens_at: { type: DataTypes.DATE, allowNull: false },
    closes_at: { type: DataTypes.DATE, allowNull: false },
    /** JSON array of the activity ids the period covers. */
    activity_ids: { type: DataTypes.TEXT, allowNull: false },
  });

  // One row per activity and day that has bookings: the counter the capacity rule
  // updates conditionally (booked < capacity), so concurrent requests never overbook.
  await qi.createTable('activity_days', {
    activity_id: { ...ref('activities'), primaryKey: true },
    date: { type: DataTypes.DATEONLY, primaryKey: true, allowNull: false },
    commune_id: ref('communes'),
    booked: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });

  await qi.createTable('booking_requests', {
    id,
    commune_id: ref('communes'),
    number: { type: DataTypes.INTEGER, allowNull: false },
    family_id: ref('families'),
    child_id: ref('children'),
    period_id: ref('booking_periods'),
    account_id: ref('accounts'),
    status: { type: DataTypes.STRING(20), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('booking_requests', ['commune_id', 'number'], { unique: true, name: 'booking_requests_number' });
  await qi.addIndex('booking_requests', ['commune_id', 'family_id', 'created_at']);

  await qi.createTable('booking_request_lines', {
    id,
    request_id: ref('booking_requests'),
    date: { type: DataTypes.DATEONLY, allowNull: false },
    activity_id: ref('activities'),
    action: { type: DataTypes.STRING(10), allowNull: false },
    outcome: { type: DataTypes.STRING(20), allowNull: false },
    reason: { type: DataTypes.STRING(30), allowNull: true },
    position: { type: DataTypes.INTEGER, allowNull: false },
  });
  await qi.addIndex('booking_request_lines', ['request_id']);

  await qi.createTable('bookings', {
    id,
    commune_id: ref('communes'),
    child_id: ref('children'),
    activity_id: ref('activities'),
    date: { type: DataTypes.DATEONLY, allowNull: false },
    state: { type: DataTypes.STRING(20), allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('bookings', ['child_id', 'activity_id', 'date'], { unique: true, name: 'bookings_child_activity_day' });

  // Per-commune counters (request numbers now; invoice numbers later).
  await qi.createTable('sequences', {
    commune_id: { ...ref('communes'), primaryKey: true },
    name: { type: DataTypes.STRING(40), primaryKey: true, allowNull: false },
    value: { type: DataTypes.INTEGER, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'sequences',
    'bookings',
    'booking_request_lines',
    'booking_requests',
    'activity_days',
    'booking_periods',
    'enrolments',
    'closures',
    'activities',
    'facilities',
  ]) {
    await qi.dropTable(table);
  }
}
