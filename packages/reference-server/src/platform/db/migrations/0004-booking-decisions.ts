import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // The staff's words when they refuse a requested day, shown to the family.
  await qi.addColumn('booking_request_lines', 'comment', { type: DataTypes.STRING(300), allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('booking_request_lines', 'comment');
}
