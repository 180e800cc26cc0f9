import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.STRING(64), primaryKey: true, allowNull: false };
const ref = (model: string, allowNull = false) => ({
  type: DataTypes.STRING(64),
  allowNull,
  references: { model, key: 'id' },
  onDelete: 'CASCADE',
});
const cents = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };

/**
 * Billing: the price grid (per activity, by quotient familial bracket), flat fees, monthly
 * runs, invoices and their lines, credit notes, and `billed_items` — one row per booked day
 * (or fee, or attended day) an invoice covers, unique while in force, so a day is never
 * billed twice. The family's quotient familial already lives on `families`.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('billing_settings', {
    commune_id: { ...ref('communes'), primaryKey: true },
    payment_term_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 30 },
    bill_unbooked_attendance: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    issuer_address: { type: DataTypes.STRING(300), allowNull: true },
    /** Day of the month the previous month is billed by itself; null: staff run it. */
    auto_run_day: { type: DataTypes.INTEGER, allowNull: true },
  });

  await qi.createTable('activity_tariffs', {
    activity_id: { ...ref('activities'), primaryKey: true },
    commune_id: ref('communes'),
    /** JSON array of { upToQuotient: number | null, unitPriceCents: number }, ascending. */
    brackets: { type: DataTypes.TEXT, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.createTable('flat_fees', {
    id,
    commune_id: ref('communes'),
    label: { type: DataTypes.STRING(100), allowNull: false },
    amount_cents: cents,
    frequency: { type: DataTypes.STRING(10), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.createTable('billing_runs', {
    id,
    commune_id: ref('communes'),
    number: { type: DataTypes.INTEGER, allowNull: false },
    month: { type: DataTypes.STRING(7), allowNull: false },
    actor_account_id: { type: DataTypes.STRING(64), allowNull: true },
    invoice_count: { type: DataTypes.INTEGER, allowNull: false },
    total_cents: cents,
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('billing_runs', ['commune_id', 'number'], { unique: true, name: 'billing_runs_commune_number' });

  await qi.createTable('invoices', {
    id,
    commune_id: ref('communes'),
    family_id: ref('families'),
    run_id: ref('billing_runs'),
    /** `2026-00096`: per commune and year of issue, gapless. */
    number: { type: DataTypes.STRING(20), allowNull: false },
    month: { type: DataTypes.STRING(7), allowNull: false },
    issued_on: { type: DataTypes.DATEONLY, allowNull: false },
    due_date: { type: DataTypes.DATEONLY, allowNull: false },
    /** What the invoice is addressed to, as it was at issue: JSON { familyNumber, names, address }. */
    addressee: { type: DataTypes.TEXT, allowNull: false },
    total_cents: cents,
    credited_cents: cents,
    paid_cents: cents,
    state: { type: DataTypes.STRING(12), allowNull: false },
    replaces_invoice_id: { type: DataTypes.STRING(64), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('invoices', ['commune_id', 'number'], { unique: true, name: 'invoices_commune_number' });
  await qi.addIndex('invoices', ['run_id', 'family_id'], { unique: true, name: 'invoices_run_family' });
  await qi.addIndex('invoices', ['commune_id', 'family_id']);

  await qi.createTable('invoice_lines', {
    id,
    invoice_id: ref('invoices'),
    position: { type: DataTypes.INTEGER, allowNull: false },
    child_id: { type: DataTypes.STRING(64), allowNull: true },
    child_name: { type: DataTypes.STRING(210), allowNull: true },
    activity_id: { type: DataTypes.STRING(64), allowNull: true },
    flat_fee_id: { type: DataTypes.STRING(64), allowNull: true },
    label: { type: DataTypes.STRING(200), allowNull: false },
    quantity: { type: DataTypes.INTEGER, allowNull: false },
    unit_price_cents: cents,
    amount_cents: cents,
  });
  await qi.addIndex('invoice_lines', ['invoice_id']);

  await qi.createTable('billed_items', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    commune_id: ref('communes'),
    /** booking (ref = booking id), fee (ref = fee:family:period), attendance (ref = attendance row id). */
    kind: { type: DataTypes.STRING(12), allowNull: false },
    ref_id: { type: DataTypes.STRING(200), allowNull: false },
    run_id: { type: DataTypes.STRING(64), allowNull: false },
    family_id: { type: DataTypes.STRING(64), allowNull: false },
    child_id: { type: DataTypes.STRING(64), allowNull: true },
    activity_id: { type: DataTypes.STRING(64), allowNull: true },
    date: { type: DataTypes.DATEONLY, allowNull: true },
    /** True once a cancelling credit note gave the item back (it may then be billed again). */
    released: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  });
  // The rule "never bill a day twice": at most one item in force per booking (or fee period).
  await qi.addIndex('billed_items', ['kind', 'ref_id'], { unique: true, name: 'billed_items_in_force', where: { released: false } });
  await qi.addIndex('billed_items', ['run_id', 'family_id']);

  await qi.createTable('credit_notes', {
    id,
    commune_id: ref('communes'),
    invoice_id: ref('invoices'),
    /** `AV-2026-00003`: per commune and year, gapless, a series of its own. */
    number: { type: DataTypes.STRING(20), allowNull: false },
    kind: { type: DataTypes.STRING(10), allowNull: false },
    amount_cents: cents,
    reason: { type: DataTypes.STRING(300), allowNull: false },
    issued_on: { type: DataTypes.DATEONLY, allowNull: false },
    actor_account_id: { type: DataTypes.STRING(64), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('credit_notes', ['commune_id', 'number'], { unique: true, name: 'credit_notes_commune_number' });
  await qi.addIndex('credit_notes', ['invoice_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'credit_notes',
    'billed_items',
    'invoice_lines',
    'invoices',
    'billing_runs',
    'flat_fees',
    'activity_tariffs',
    'billing_settings',
  ]) {
    await qi.dropTable(table);
  }
}
