import { DataTypes, Model, type Sequelize } from 'sequelize';

/** A commune's choice of online payment provider (one row per commune; none: the configured default). */
export class PaymentProviderSettings extends Model {
  declare commune_id: string;
  declare provider: 'payfip' | 'sandbox' | 'none';
  declare payfip_numcli: string | null;
  declare payfip_mode: 'T' | 'X' | 'W' | null;
  declare updated_at: Date;
}

/** One operation at the built-in sandbox provider. */
export class SandboxOperation extends Model {
  declare id: string;
  declare commune_id: string;
  declare reference: string;
  declare amount_cents: number;
  declare label: string;
  declare payer_email: string;
  declare notify_url: string;
  declare return_url: string;
  declare status: 'open' | 'validated' | 'refused' | 'abandoned';
  declare created_at: Date;
  declare decided_at: Date | null;
}

export function initPaymentProviderModels(sequelize: Sequelize): void {
  PaymentProviderSettings.init(
    {
      commune_id: { type: DataTypes.STRING, primaryKey: true },
      provider: DataTypes.STRING,
      payfip_numcli: DataTypes.STRING,
      payfip_mode: DataTypes.STRING,
      updated_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'payment_provider_settings', timestamps: false },
  );
  SandboxOperation.init(
    {
      id: { type: DataTypes.STRING, primaryKey: true },
      commune_id: DataTypes.STRING,
      reference: DataTypes.STRING,
      amount_cents: DataTypes.INTEGER,
      label: DataTypes.STRING,
      payer_email: DataTypes.STRING,
      notify_url: DataTypes.TEXT,
      return_url: DataTypes.TEXT,
      status: DataTypes.STRING,
      created_at: DataTypes.DATE,
      decided_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'sandbox_payment_operations', timestamps: false },
  );
}
