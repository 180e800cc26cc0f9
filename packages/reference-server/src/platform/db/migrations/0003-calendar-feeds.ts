import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // One secret feed per family; only the token's hash is kept.
  await qi.createTable('calendar_feeds', {
    family_id: {
      type: DataTypes.STRING(64),
      primaryKey: true,
      allowNull: false,
      references: { model: 'families', key: 'id' },
      onDelete: 'CASCADE',
    },
    commune_id: { type: DataTypes.STRING(64), allowNull: false, references: { model: 'communes', key: 'id' }, onDelete: 'CASCADE' },
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('calendar_feeds');
}
