import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.STRING(64), primaryKey: true, allowNull: false };
const ref = (model: string, allowNull = false) => ({
  type: DataTypes.STRING(64),
  allowNull,
  references: { model, key: 'id' },
  onDelete: 'CASCADE',
});

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Uploaded files, in the database itself (BLOB / BYTEA) so that every server process of
  // one database serves them; the type was read from the content.
  await qi.createTable('stored_files', {
    id,
    commune_id: ref('communes'),
    media_type: { type: DataTypes.STRING(40), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    original_name: { type: DataTypes.STRING(120), allowNull: false },
    content: { type: DataTypes.BLOB, allowNull: false },
    uploaded_by: { type: DataTypes.STRING(64), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });

  // « L'appel »: one row per child recorded on an activity's day. booking_id null: the
  // child came without a booking (unbooked attendance).
  await qi.createTable('attendances', {
    id,
    commune_id: ref('communes'),
    activity_id: ref('activities'),
    date: { type: DataTypes.DATEONLY, allowNull: false },
    child_id: ref('children'),
    booking_id: ref('bookings', true),
    status: { type: DataTypes.STRING(10), allowNull: false },
    recorded_by: { type: DataTypes.STRING(64), allowNull: false },
    recorded_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('attendances', ['activity_id', 'date', 'child_id'], { unique: true, name: 'attendances_activity_day_child' });

  // An absence on a booked day: declared by the family or by staff; staff decide whether
  // it is excused (not billed). The supporting document is a stored file.
  await qi.createTable('absences', {
    id,
    commune_id: ref('communes'),
    child_id: ref('children'),
    activity_id: ref('activities'),
    date: { type: DataTypes.DATEONLY, allowNull: false },
    booking_id: ref('bookings'),
    status: { type: DataTypes.STRING(20), allowNull: false },
    declared_by: { type: DataTypes.STRING(10), allowNull: false },
    comment: { type: DataTypes.STRING(300), allowNull: true },
    document_id: { type: DataTypes.STRING(64), allowNull: true, references: { model: 'stored_files', key: 'id' }, onDelete: 'SET NULL' },
    created_at: { type: DataTypes.DATE, allowNull: false },
    decided_at: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.addIndex('absences', ['booking_id'], { unique: true, name: 'absences_booking' });
  await qi.addIndex('absences', ['commune_id', 'status', 'date']);
  await qi.addIndex('absences', ['child_id', 'date']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['absences', 'attendances', 'stored_files']) await qi.dropTable(table);
}
