import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.STRING(64), primaryKey: true, allowNull: false };
const ref = (model: string, allowNull = false) => ({
  type: DataTypes.STRING(64),
  allowNull,
  references: { model, key: 'id' },
  onDelete: 'CASCADE',
});

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // What staff validated about a family: situation familiale and garde alternée (JSON).
  await qi.createTable('family_situations', {
    family_id: { ...ref('families'), primaryKey: true },
    commune_id: ref('communes'),
    family_status: { type: DataTypes.STRING(30), allowNull: true },
    shared_custody: { type: DataTypes.TEXT, allowNull: true },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  // Fiche sanitaire, one per child, as staff validated it.
  await qi.createTable('child_health_sheets', {
    child_id: { ...ref('children'), primaryKey: true },
    commune_id: ref('communes'),
    allergies: { type: DataTypes.TEXT, allowNull: true },
    pai: { type: DataTypes.BOOLEAN, allowNull: false },
    doctor_name: { type: DataTypes.STRING(200), allowNull: true },
    doctor_phone: { type: DataTypes.STRING(30), allowNull: true },
    vaccinations_up_to_date: { type: DataTypes.BOOLEAN, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  // Personnes autorisées à récupérer les enfants.
  await qi.createTable('authorised_persons', {
    id,
    commune_id: ref('communes'),
    family_id: ref('families'),
    name: { type: DataTypes.STRING(200), allowNull: false },
    relation: { type: DataTypes.STRING(100), allowNull: false },
    phone: { type: DataTypes.STRING(30), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('authorised_persons', ['family_id'], { name: 'authorised_persons_family' });

  // A family's change request; `change` is the proposal as the contract spells it (JSON).
  await qi.createTable('family_change_requests', {
    id,
    commune_id: ref('communes'),
    family_id: ref('families'),
    kind: { type: DataTypes.STRING(40), allowNull: false },
    change: { type: DataTypes.TEXT, allowNull: false },
    comment: { type: DataTypes.TEXT, allowNull: true },
    status: { type: DataTypes.STRING(10), allowNull: false },
    staff_comment: { type: DataTypes.TEXT, allowNull: true },
    submitted_by: { type: DataTypes.STRING(64), allowNull: false },
    decided_by: { type: DataTypes.STRING(64), allowNull: true },
    decided_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('family_change_requests', ['commune_id', 'status', 'created_at'], { name: 'family_change_requests_state' });
  await qi.addIndex('family_change_requests', ['family_id', 'created_at'], { name: 'family_change_requests_family' });

  await qi.createTable('change_request_attachments', {
    id,
    commune_id: ref('communes'),
    request_id: ref('family_change_requests'),
    file_id: ref('stored_files'),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('change_request_attachments', ['request_id'], { name: 'change_request_attachments_request' });

  // Email changes waiting for the link sent to the new address (token stored hashed).
  await qi.createTable('email_changes', {
    id,
    commune_id: ref('communes'),
    account_id: ref('accounts'),
    guardian_id: ref('guardians'),
    new_email: { type: DataTypes.STRING(254), allowNull: false },
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    expires_at: { type: DataTypes.DATE, allowNull: false },
    used_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'email_changes',
    'change_request_attachments',
    'family_change_requests',
    'authorised_persons',
    'child_health_sheets',
    'family_situations',
  ]) {
    await qi.dropTable(table);
  }
}
