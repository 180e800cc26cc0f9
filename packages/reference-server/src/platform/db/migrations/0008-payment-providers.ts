import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Which online payment provider a commune uses, and its PayFiP régie (numcli, saisie mode).
  await qi.createTable('payment_provider_settings', {
    commune_id: {
      type: DataTypes.STRING(64),
      primaryKey: true,
      allowNull: false,
      references: { model: 'communes', key: 'id' },
      onDelete: 'CASCADE',
    },
    provider: { type: DataTypes.STRING(16), allowNull: false },
    payfip_numcli: { type: DataTypes.STRING(6), allowNull: true },
    payfip_mode: { type: DataTypes.STRING(1), allowNull: true },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The built-in sandbox provider's operations (its "bank"), one per payment attempt.
  await qi.createTable('sandbox_payment_operations', {
    id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    commune_id: { type: DataTypes.STRING(64), allowNull: false, references: { model: 'communes', key: 'id' }, onDelete: 'CASCADE' },
    reference: { type: DataTypes.STRING(30), allowNull: false },
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    label: { type: DataTypes.STRING(200), allowNull: false },
    payer_email: { type: DataTypes.STRING(254), allowNull: false },
    notify_url: { type: DataTypes.TEXT, allowNull: false },
    return_url: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    decided_at: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.addIndex('sandbox_payment_operations', ['commune_id', 'created_at']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('sandbox_payment_operations');
  await qi.dropTable('payment_provider_settings');
}
