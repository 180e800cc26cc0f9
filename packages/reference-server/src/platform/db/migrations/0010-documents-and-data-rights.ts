import { DataTypes, type QueryInterface } from 'sequelize';

const ref = (model: string, allowNull = false) => ({
  type: DataTypes.STRING(64),
  allowNull,
  references: { model, key: 'id' },
  onDelete: 'CASCADE',
});

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Documents the commune publishes for families (menus, plannings, forms); the file is a
  // stored file. facility_id null: every family of the commune.
  await qi.createTable('documents', {
    id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    commune_id: ref('communes'),
    category: { type: DataTypes.STRING(30), allowNull: false },
    title: { type: DataTypes.STRING(150), allowNull: false },
    valid_from: { type: DataTypes.DATEONLY, allowNull: false },
    valid_to: { type: DataTypes.DATEONLY, allowNull: false },
    facility_id: ref('facilities', true),
    file_id: { type: DataTypes.STRING(64), allowNull: false, references: { model: 'stored_files', key: 'id' } },
    published_by: { type: DataTypes.STRING(64), allowNull: false },
    published_at: { type: DataTypes.DATE, allowNull: false },
    unpublished_at: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.addIndex('documents', ['commune_id', 'valid_to']);

  // Retention of inactive families' data, per commune (months), and when it last ran.
  await qi.addColumn('communes', 'retention_months', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 36 });
  await qi.addColumn('communes', 'retention_run_at', { type: DataTypes.DATE, allowNull: true });

  // The family an audited action concerned, so admins can ask « who read this family? ».
  await qi.addColumn('audit_log', 'family_id', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addIndex('audit_log', ['commune_id', 'family_id', 'at'], { name: 'audit_log_commune_family_at' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('audit_log', 'audit_log_commune_family_at');
  await qi.removeColumn('audit_log', 'family_id');
  await qi.removeColumn('communes', 'retention_run_at');
  await qi.removeColumn('communes', 'retention_months');
  await qi.dropTable('documents');
}
