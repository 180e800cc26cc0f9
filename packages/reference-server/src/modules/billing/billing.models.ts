import { DataTypes, Model, type Sequelize } from 'sequelize';
import type { InvoiceState } from './rules/invoices.js';
import type { Bracket } from './rules/pricing.js';

export class BillingSettings extends Model {
  declare commune_id: string;
  declare payment_term_days: number;
  declare bill_unbooked_attendance: boolean;
  declare issuer_address: string | null;
  declare auto_run_day: number | null;
}

export class ActivityTariff extends Model {
  declare activity_id: string;
  declare commune_id: string;
  declare brackets: string;
  declare updated_at: Date;

  get bracketList(): Bracket[] {
    return JSON.parse(this.brackets) as Bracket[];
  }
}

export class FlatFee extends Model {
  declare id: string;
  declare commune_id: string;
  declare label: string;
  declare amount_cents: number;
  declare frequency: 'yearly' | 'monthly';
  declare active: boolean;
  declare created_at: Date;
}

export class BillingRun extends Model {
  declare id: string;
  declare commune_id: string;
  declare number: number;
  declare month: string;
  declare actor_account_id: string | null;
  declare invoice_count: number;
  declare total_cents: number;
  declare created_at: Date;
}

export interface Addressee {
  familyNumber: string;
  names: string[];
  address: string[];
}

export class Invoice extends Model {
  declare id: string;
  declare commune_id: string;
  declare family_id: string;
  declare run_id: string;
  declare number: string;
  declare month: string;
  declare issued_on: string;
  declare due_date: string;
  declare addressee: string;
  declare total_cents: number;
  declare credited_cents: number;
  declare paid_cents: number;
  declare state: InvoiceState;
  declare replaces_invoice_id: string | null;
  declare created_at: Date;

  get addresseeData(): Addressee {
    return JSON.parse(this.addressee) as Addressee;
  }
}

export class InvoiceLine extends Model {
  declare id: string;
  declare invoice_id: string;
  declare position: number;
  declare child_id: string | null;
  declare child_name: string | null;
  declare activity_id: string | null;
  declare flat_fee_id: string | null;
  declare label: string;
  declare quantity: number;
  declare unit_price_cents: number;
  declare amount_cents: number;
}

export class CreditNote extends Model {
  declare id: string;
  declare commune_id: string;
  declare invoice_id: string;
  declare number: string;
  declare kind: 'partial' | 'cancel';
  declare amount_cents: number;
  declare reason: string;
  declare issued_on: string;
  declare actor_account_id: string | null;
  declare created_at: Date;
}

export function initBillingModels(sequelize: Sequelize): void {
  const id = { type: DataTypes.STRING(64), primaryKey: true };
  const plain = (tableName: string) => ({ sequelize, tableName, timestamps: false });
  BillingSettings.init(
    {
      commune_id: { type: DataTypes.STRING(64), primaryKey: true },
      payment_term_days: DataTypes.INTEGER,
      bill_unbooked_attendance: DataTypes.BOOLEAN,
      issuer_address: DataTypes.STRING,
      auto_run_day: DataTypes.INTEGER,
    },
    plain('billing_settings'),
  );
  ActivityTariff.init(
    {
      activity_id: { type: DataTypes.STRING(64), primaryKey: true },
      commune_id: DataTypes.STRING,
      brackets: DataTypes.TEXT,
      updated_at: DataTypes.DATE,
    },
    plain('activity_tariffs'),
  );
  FlatFee.init(
    {
      id,
      commune_id: DataTypes.STRING,
      label: DataTypes.STRING,
      amount_cents: DataTypes.INTEGER,
      frequency: DataTypes.STRING,
      active: DataTypes.BOOLEAN,
      created_at: DataTypes.DATE,
    },
    plain('flat_fees'),
  );
  BillingRun.init(
    {
      id,
      commune_id: DataTypes.STRING,
      number: DataTypes.INTEGER,
      month: DataTypes.STRING,
      actor_account_id: DataTypes.STRING,
      invoice_count: DataTypes.INTEGER,
      total_cents: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
    },
    plain('billing_runs'),
  );
  Invoice.init(
    {
      id,
      commune_id: DataTypes.STRING,
      family_id: DataTypes.STRING,
      run_id: DataTypes.STRING,
      number: DataTypes.STRING,
      month: DataTypes.STRING,
      issued_on: DataTypes.DATEONLY,
      due_date: DataTypes.DATEONLY,
      addressee: DataTypes.TEXT,
      total_cents: DataTypes.INTEGER,
      credited_cents: DataTypes.INTEGER,
      paid_cents: DataTypes.INTEGER,
      state: DataTypes.STRING,
      replaces_invoice_id: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    plain('invoices'),
  );
  InvoiceLine.init(
    {
      id,
      invoice_id: DataTypes.STRING,
      position: DataTypes.INTEGER,
      child_id: DataTypes.STRING,
      child_name: DataTypes.STRING,
      activity_id: DataTypes.STRING,
      flat_fee_id: DataTypes.STRING,
      label: DataTypes.STRING,
      quantity: DataTypes.INTEGER,
      unit_price_cents: DataTypes.INTEGER,
      amount_cents: DataTypes.INTEGER,
    },
    plain('invoice_lines'),
  );
  CreditNote.init(
    {
      id,
      commune_id: DataTypes.STRING,
      invoice_id: DataTypes.STRING,
      number: DataTypes.STRING,
      kind: DataTypes.STRING,
      amount_cents: DataTypes.INTEGER,
      reason: DataTypes.STRING,
      issued_on: DataTypes.DATEONLY,
      actor_account_id: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    plain('credit_notes'),
  );
}
