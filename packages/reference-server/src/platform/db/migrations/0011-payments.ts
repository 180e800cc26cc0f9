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
 * Payments of invoices: online (through a provider) or at the desk; the invoices each one
 * pays; the provider's answers as received; the families' credit (money received beyond
 * what was owed).
 *
 * Exactly once: a payment leaves `pending` by a conditional update (`WHERE state =
 * 'pending'`), and only the update that changed the row allocates. `payment_invoices.
 * live_invoice_id` is set while a payment may still succeed and is unique: an invoice is in
 * at most one live payment. `family_credits.source_key` is unique: one credit per cause.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('payments', {
    id,
    commune_id: ref('communes'),
    family_id: ref('families'),
    reference: { type: DataTypes.STRING(30), allowNull: false },
    method: { type: DataTypes.STRING(16), allowNull: false },
    state: { type: DataTypes.STRING(16), allowNull: false },
    refusal_reason: { type: DataTypes.STRING(16), allowNull: true },
    anomaly: { type: DataTypes.STRING(16), allowNull: true },
    amount_cents: cents,
    allocated_cents: cents,
    credit_cents: cents,
    provider: { type: DataTypes.STRING(16), allowNull: true },
    operation_id: { type: DataTypes.STRING(100), allowNull: true },
    redirect: { type: DataTypes.TEXT, allowNull: true },
    payer_email: { type: DataTypes.STRING(200), allowNull: true },
    external_reference: { type: DataTypes.STRING(100), allowNull: true },
    received_on: { type: DataTypes.DATEONLY, allowNull: true },
    actor_account_id: { type: DataTypes.STRING(64), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    decided_at: { type: DataTypes.DATE, allowNull: true },
    checked_at: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.addIndex('payments', ['commune_id', 'reference'], { unique: true, name: 'payments_commune_reference' });
  await qi.addIndex('payments', ['provider', 'operation_id'], { unique: true, name: 'payments_operation' });
  await qi.addIndex('payments', ['commune_id', 'family_id', 'created_at'], { name: 'payments_family' });
  await qi.addIndex('payments', ['state', 'created_at'], { name: 'payments_state' });

  await qi.createTable('payment_invoices', {
    payment_id: { ...ref('payments'), primaryKey: true },
    invoice_id: { ...ref('invoices'), primaryKey: true },
    position: { type: DataTypes.INTEGER, allowNull: false },
    amount_cents: cents,
    allocated_cents: cents,
    /** = invoice_id while the payment may still succeed, else null. Unique. */
    live_invoice_id: { type: DataTypes.STRING(64), allowNull: true },
  });
  await qi.addIndex('payment_invoices', ['live_invoice_id'], { unique: true, name: 'payment_invoices_live' });
  await qi.addIndex('payment_invoices', ['invoice_id'], { name: 'payment_invoices_invoice' });

  await qi.createTable('payment_provider_answers', {
    id,
    payment_id: ref('payments'),
    /** notification | return | reconciliation | creation */
    source: { type: DataTypes.STRING(16), allowNull: false },
    decision: { type: DataTypes.STRING(40), allowNull: false },
    raw: { type: DataTypes.TEXT, allowNull: true },
    received_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('payment_provider_answers', ['payment_id', 'received_at'], { name: 'payment_provider_answers_payment' });

  await qi.createTable('family_credits', {
    id,
    commune_id: ref('communes'),
    family_id: ref('families'),
    payment_id: ref('payments'),
    /** Positive: credit added (overpayment); negative: credit used. */
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    reason: { type: DataTypes.STRING(16), allowNull: false },
    source_key: { type: DataTypes.STRING(100), allowNull: false, unique: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('family_credits', ['commune_id', 'family_id'], { name: 'family_credits_family' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('family_credits');
  await qi.dropTable('payment_provider_answers');
  await qi.dropTable('payment_invoices');
  await qi.dropTable('payments');
}
