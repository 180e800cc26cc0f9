import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * How staff settle an online payment flagged for them (`payments.anomaly`): the amount the
 * provider reported when it flagged it, and the decision — accepted (with the amount actually
 * received) or rejected — with its comment, who took it and when. `resolution` is set by a
 * conditional update on a pending flagged payment, so a payment is settled once.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('payments', 'reported_cents', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('payments', 'resolution', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn('payments', 'resolution_comment', { type: DataTypes.STRING(500), allowNull: true });
  await qi.addColumn('payments', 'resolved_by', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addColumn('payments', 'resolved_at', { type: DataTypes.DATE, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const column of ['resolved_at', 'resolved_by', 'resolution_comment', 'resolution', 'reported_cents'])
    await qi.removeColumn('payments', column);
}
