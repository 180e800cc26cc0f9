import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * A payment remembers the provider account it was created with (PayFiP: the régie number and
 * the mode), so that it is confirmed with that account even after the commune switched
 * provider or régie. Payments made before this migration take the commune's PayFiP settings
 * of the time of the migration, the best record there is.
 *
 * The commune's logo, a stored file (PNG or JPEG), drawn on invoices, receipts and credit notes.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('payments', 'payfip_numcli', { type: DataTypes.STRING(6), allowNull: true });
  await qi.addColumn('payments', 'payfip_mode', { type: DataTypes.STRING(1), allowNull: true });
  await qi.sequelize.query(
    `UPDATE payments SET
       payfip_numcli = (SELECT s.payfip_numcli FROM payment_provider_settings s WHERE s.commune_id = payments.commune_id AND s.provider = 'payfip'),
       payfip_mode = (SELECT s.payfip_mode FROM payment_provider_settings s WHERE s.commune_id = payments.commune_id AND s.provider = 'payfip')
     WHERE provider = 'payfip'`,
  );
  await qi.addColumn('communes', 'logo_file_id', {
    type: DataTypes.STRING(64),
    allowNull: true,
    references: { model: 'stored_files', key: 'id' },
    onDelete: 'SET NULL',
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('communes', 'logo_file_id');
  await qi.removeColumn('payments', 'payfip_mode');
  await qi.removeColumn('payments', 'payfip_numcli');
}
