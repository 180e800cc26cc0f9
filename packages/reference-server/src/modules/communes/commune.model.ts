import { DataTypes, Model, type Sequelize } from 'sequelize';

export class Commune extends Model {
  declare id: string;
  declare slug: string;
  declare name: string;
  declare logo_url: string | null;
  /** The logo drawn on the commune's PDF documents (a stored PNG or JPEG). */
  declare logo_file_id: string | null;
  declare banner_kind: 'info' | 'maintenance' | null;
  declare banner_message: string | null;
  declare banner_updated_at: Date | null;
  declare contact_service_name: string;
  declare contact_email: string | null;
  declare contact_phone: string | null;
  declare allowed_origins: string;
  declare portal_url: string;
  declare lockout_threshold: number;
  declare lockout_minutes: number;
  declare activation_days: number;
  declare retention_months: number;
  declare retention_run_at: Date | null;

  get allowedOrigins(): string[] {
    const parsed: unknown = JSON.parse(this.allowed_origins);
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
  }

  static initModel(sequelize: Sequelize): void {
    Commune.init(
      {
        id: { type: DataTypes.STRING(64), primaryKey: true },
        slug: DataTypes.STRING,
        name: DataTypes.STRING,
        logo_url: DataTypes.STRING,
        logo_file_id: DataTypes.STRING,
        banner_kind: DataTypes.STRING,
        banner_message: DataTypes.STRING,
        banner_updated_at: DataTypes.DATE,
        contact_service_name: DataTypes.STRING,
        contact_email: DataTypes.STRING,
        contact_phone: DataTypes.STRING,
        allowed_origins: DataTypes.TEXT,
        portal_url: DataTypes.STRING,
        lockout_threshold: DataTypes.INTEGER,
        lockout_minutes: DataTypes.INTEGER,
        activation_days: DataTypes.INTEGER,
        retention_months: DataTypes.INTEGER,
        retention_run_at: DataTypes.DATE,
      },
      { sequelize, tableName: 'communes', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
    );
  }
}
