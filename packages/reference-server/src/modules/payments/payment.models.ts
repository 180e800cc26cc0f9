import { DataTypes, Model, type Sequelize } from 'sequelize';
import type { PayfipMode, ProviderKind } from './providers/provider.js';

export type PaymentStateName = 'pending' | 'validated' | 'refused';
export type PaymentMethodName = 'online' | 'cheque' | 'cash' | 'cesu' | 'card_desk' | 'credit';
export type RefusalReason = 'refused' | 'abandoned' | 'expired' | 'failed' | 'rejected';
export type ResolutionName = 'accepted' | 'rejected';
export type AnomalyName = 'mismatch' | 'unknown_result';

export class Payment extends Model {
  declare id: string;
  declare commune_id: string;
  declare family_id: string;
  declare reference: string;
  declare method: PaymentMethodName;
  declare state: PaymentStateName;
  declare refusal_reason: RefusalReason | null;
  declare anomaly: AnomalyName | null;
  declare amount_cents: number;
  declare allocated_cents: number;
  declare credit_cents: number;
  declare provider: ProviderKind | null;
  declare operation_id: string | null;
  /** The PayFiP régie and mode the payment was created with (null for other providers). */
  declare payfip_numcli: string | null;
  declare payfip_mode: PayfipMode | null;
  declare redirect: string | null;
  declare payer_email: string | null;
  declare external_reference: string | null;
  declare received_on: string | null;
  declare actor_account_id: string | null;
  declare created_at: Date;
  declare decided_at: Date | null;
  declare checked_at: Date | null;
  /** On a flagged payment, the amount the provider reported (null when none). */
  declare reported_cents: number | null;
  declare resolution: ResolutionName | null;
  declare resolution_comment: string | null;
  declare resolved_by: string | null;
  declare resolved_at: Date | null;
}

export class PaymentInvoice extends Model {
  declare payment_id: string;
  declare invoice_id: string;
  declare position: number;
  declare amount_cents: number;
  declare allocated_cents: number;
  declare live_invoice_id: string | null;
}

export class PaymentProviderAnswer extends Model {
  declare id: string;
  declare payment_id: string;
  declare source: 'creation' | 'notification' | 'return' | 'reconciliation';
  declare decision: string;
  declare raw: string | null;
  declare received_at: Date;
}

export class FamilyCredit extends Model {
  declare id: string;
  declare commune_id: string;
  declare family_id: string;
  declare payment_id: string;
  declare amount_cents: number;
  declare reason: 'overpayment' | 'used';
  declare source_key: string;
  declare created_at: Date;
}

export function initPaymentModels(sequelize: Sequelize): void {
  const id = { type: DataTypes.STRING(64), primaryKey: true };
  const plain = (tableName: string) => ({ sequelize, tableName, timestamps: false });
  Payment.init(
    {
      id,
      commune_id: DataTypes.STRING,
      family_id: DataTypes.STRING,
      reference: DataTypes.STRING,
      method: DataTypes.STRING,
      state: DataTypes.STRING,
      refusal_reason: DataTypes.STRING,
      anomaly: DataTypes.STRING,
      amount_cents: DataTypes.INTEGER,
      allocated_cents: DataTypes.INTEGER,
      credit_cents: DataTypes.INTEGER,
      provider: DataTypes.STRING,
      operation_id: DataTypes.STRING,
      payfip_numcli: DataTypes.STRING,
      payfip_mode: DataTypes.STRING,
      redirect: DataTypes.TEXT,
      payer_email: DataTypes.STRING,
      external_reference: DataTypes.STRING,
      received_on: DataTypes.DATEONLY,
      actor_account_id: DataTypes.STRING,
      created_at: DataTypes.DATE,
      decided_at: DataTypes.DATE,
      checked_at: DataTypes.DATE,
      reported_cents: DataTypes.INTEGER,
      resolution: DataTypes.STRING,
      resolution_comment: DataTypes.STRING(500),
      resolved_by: DataTypes.STRING,
      resolved_at: DataTypes.DATE,
    },
    plain('payments'),
  );
  PaymentInvoice.init(
    {
      payment_id: { type: DataTypes.STRING(64), primaryKey: true },
      invoice_id: { type: DataTypes.STRING(64), primaryKey: true },
      position: DataTypes.INTEGER,
      amount_cents: DataTypes.INTEGER,
      allocated_cents: DataTypes.INTEGER,
      live_invoice_id: DataTypes.STRING,
    },
    plain('payment_invoices'),
  );
  PaymentProviderAnswer.init(
    {
      id,
      payment_id: DataTypes.STRING,
      source: DataTypes.STRING,
      decision: DataTypes.STRING,
      raw: DataTypes.TEXT,
      received_at: DataTypes.DATE,
    },
    plain('payment_provider_answers'),
  );
  FamilyCredit.init(
    {
      id,
      commune_id: DataTypes.STRING,
      family_id: DataTypes.STRING,
      payment_id: DataTypes.STRING,
      amount_cents: DataTypes.INTEGER,
      reason: DataTypes.STRING,
      source_key: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    plain('family_credits'),
  );
}
