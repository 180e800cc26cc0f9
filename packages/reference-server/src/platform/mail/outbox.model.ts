import { DataTypes, Model, type Sequelize } from 'sequelize';

/** Mails kept instead of sent when no SMTP server is configured (the demo's outbox). */
export class OutboxMail extends Model {
  declare id: string;
  declare commune_id: string | null;
  declare to_address: string;
  declare subject: string;
  declare text_body: string;
  declare created_at: Date;
}

export function initOutboxModel(sequelize: Sequelize): void {
  OutboxMail.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      commune_id: DataTypes.STRING,
      to_address: DataTypes.STRING,
      subject: DataTypes.STRING,
      text_body: DataTypes.TEXT,
      created_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'mail_outbox', timestamps: false },
  );
}
