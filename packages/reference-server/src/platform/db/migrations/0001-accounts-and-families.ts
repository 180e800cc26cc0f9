import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.STRING(64), primaryKey: true, allowNull: false };
const communeRef = {
  type: DataTypes.STRING(64),
  allowNull: false,
  references: { model: 'communes', key: 'id' },
  onDelete: 'CASCADE',
};
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('communes', {
    id,
    slug: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    logo_url: { type: DataTypes.STRING(500), allowNull: true },
    banner_kind: { type: DataTypes.STRING(20), allowNull: true },
    banner_message: { type: DataTypes.STRING(500), allowNull: true },
    banner_updated_at: { type: DataTypes.DATE, allowNull: true },
    contact_service_name: { type: DataTypes.STRING(200), allowNull: false },
    contact_email: { type: DataTypes.STRING(254), allowNull: true },
    contact_phone: { type: DataTypes.STRING(30), allowNull: true },
    /** JSON array of origins allowed to call the API from a browser (CORS). */
    allowed_origins: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
    /** The page where the widgets live: emailed links point there. */
    portal_url: { type: DataTypes.STRING(500), allowNull: false },
    lockout_threshold: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5 },
    lockout_minutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 15 },
    activation_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 7 },
    ...timestamps,
  });

  await qi.createTable('families', {
    id,
    commune_id: communeRef,
    number: { type: DataTypes.STRING(20), allowNull: false },
    address_line1: { type: DataTypes.STRING(200), allowNull: false },
    address_line2: { type: DataTypes.STRING(200), allowNull: true },
    postal_code: { type: DataTypes.STRING(5), allowNull: false },
    city: { type: DataTypes.STRING(100), allowNull: false },
    quotient_familial: { type: DataTypes.INTEGER, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('families', ['commune_id', 'number'], { unique: true, name: 'families_commune_number' });

  const familyRef = { type: DataTypes.STRING(64), allowNull: false, references: { model: 'families', key: 'id' }, onDelete: 'CASCADE' };
  await qi.createTable('guardians', {
    id,
    commune_id: communeRef,
    family_id: familyRef,
    first_name: { type: DataTypes.STRING(100), allowNull: false },
    last_name: { type: DataTypes.STRING(100), allowNull: false },
    relation: { type: DataTypes.STRING(20), allowNull: false },
    email: { type: DataTypes.STRING(254), allowNull: false },
    phone: { type: DataTypes.STRING(20), allowNull: true },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await qi.addIndex('guardians', ['commune_id', 'family_id']);

  await qi.createTable('children', {
    id,
    commune_id: communeRef,
    family_id: familyRef,
    first_name: { type: DataTypes.STRING(100), allowNull: false },
    last_name: { type: DataTypes.STRING(100), allowNull: false },
    birth_date: { type: DataTypes.DATEONLY, allowNull: false },
    school: { type: DataTypes.STRING(200), allowNull: true },
    grade: { type: DataTypes.STRING(20), allowNull: true },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await qi.addIndex('children', ['commune_id', 'family_id']);

  await qi.createTable('accounts', {
    id,
    commune_id: communeRef,
    identifier: { type: DataTypes.STRING(100), allowNull: false },
    email: { type: DataTypes.STRING(254), allowNull: false },
    kind: { type: DataTypes.STRING(10), allowNull: false },
    /** Comma-separated staff roles; empty for a guardian. */
    roles: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
    guardian_id: {
      type: DataTypes.STRING(64),
      allowNull: true,
      unique: true,
      references: { model: 'guardians', key: 'id' },
      onDelete: 'CASCADE',
    },
    display_name: { type: DataTypes.STRING(200), allowNull: false },
    password_hash: { type: DataTypes.STRING(200), allowNull: true },
    status: { type: DataTypes.STRING(20), allowNull: false },
    activated_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('accounts', ['commune_id', 'identifier'], { unique: true, name: 'accounts_commune_identifier' });
  await qi.addIndex('accounts', ['commune_id', 'email']);

  // Failed-login counters keyed by the identifier *typed*, known or not, so that a
  // locked answer reveals nothing about which identifiers exist.
  await qi.createTable('login_throttles', {
    commune_id: { ...communeRef, primaryKey: true },
    identifier_key: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    failures: { type: DataTypes.INTEGER, allowNull: false },
    locked_until: { type: DataTypes.DATE, allowNull: true },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.createTable('account_tokens', {
    id,
    commune_id: communeRef,
    account_id: { type: DataTypes.STRING(64), allowNull: false, references: { model: 'accounts', key: 'id' }, onDelete: 'CASCADE' },
    purpose: { type: DataTypes.STRING(20), allowNull: false },
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    expires_at: { type: DataTypes.DATE, allowNull: false },
    used_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('account_tokens', ['account_id', 'purpose']);

  await qi.createTable('sessions', {
    id,
    commune_id: communeRef,
    account_id: { type: DataTypes.STRING(64), allowNull: false, references: { model: 'accounts', key: 'id' }, onDelete: 'CASCADE' },
    access_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    access_expires_at: { type: DataTypes.DATE, allowNull: false },
    refresh_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    previous_refresh_hash: { type: DataTypes.STRING(64), allowNull: true, unique: true },
    rotated_at: { type: DataTypes.DATE, allowNull: true },
    idle_expires_at: { type: DataTypes.DATE, allowNull: false },
    absolute_expires_at: { type: DataTypes.DATE, allowNull: false },
    revoked_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('sessions', ['account_id']);

  await qi.createTable('rate_limits', {
    key: { type: DataTypes.STRING(200), primaryKey: true, allowNull: false },
    hits: { type: DataTypes.INTEGER, allowNull: false },
    reset_at: { type: DataTypes.BIGINT, allowNull: false },
  });

  await qi.createTable('idempotency_keys', {
    commune_id: { ...communeRef, primaryKey: true },
    account_id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    key: { type: DataTypes.STRING(100), primaryKey: true, allowNull: false },
    request_hash: { type: DataTypes.STRING(64), allowNull: false },
    status: { type: DataTypes.INTEGER, allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.createTable('audit_log', {
    id,
    commune_id: communeRef,
    actor_account_id: { type: DataTypes.STRING(64), allowNull: true },
    action: { type: DataTypes.STRING(60), allowNull: false },
    target_type: { type: DataTypes.STRING(30), allowNull: true },
    target_id: { type: DataTypes.STRING(64), allowNull: true },
    ip: { type: DataTypes.STRING(60), allowNull: true },
    at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('audit_log', ['commune_id', 'at']);

  await qi.createTable('mail_outbox', {
    id,
    commune_id: { type: DataTypes.STRING(64), allowNull: true },
    to_address: { type: DataTypes.STRING(254), allowNull: false },
    subject: { type: DataTypes.STRING(300), allowNull: false },
    text_body: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'mail_outbox',
    'audit_log',
    'idempotency_keys',
    'rate_limits',
    'sessions',
    'account_tokens',
    'login_throttles',
    'accounts',
    'children',
    'guardians',
    'families',
    'communes',
  ]) {
    await qi.dropTable(table);
  }
}
