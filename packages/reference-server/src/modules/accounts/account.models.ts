import { DataTypes, Model, type Sequelize } from 'sequelize';

export type Role = 'admin' | 'agent' | 'billing';
export type AccountStatus = 'pending_activation' | 'active' | 'disabled';

export class Account extends Model {
  declare id: string;
  declare commune_id: string;
  declare identifier: string;
  declare email: string;
  declare kind: 'guardian' | 'staff';
  declare roles: string;
  declare guardian_id: string | null;
  declare display_name: string;
  declare password_hash: string | null;
  declare status: AccountStatus;
  declare activated_at: Date | null;

  get roleList(): Role[] {
    return this.roles ? (this.roles.split(',') as Role[]) : [];
  }
}

export class AccountToken extends Model {
  declare id: string;
  declare commune_id: string;
  declare account_id: string;
  declare purpose: 'activation' | 'reset';
  declare token_hash: string;
  declare expires_at: Date;
  declare used_at: Date | null;
  declare created_at: Date;
}

export class Session extends Model {
  declare id: string;
  declare commune_id: string;
  declare account_id: string;
  declare access_hash: string;
  declare access_expires_at: Date;
  declare refresh_hash: string;
  declare previous_refresh_hash: string | null;
  declare rotated_at: Date | null;
  declare idle_expires_at: Date;
  declare absolute_expires_at: Date;
  declare revoked_at: Date | null;
  declare created_at: Date;
  declare account?: Account;
}

export class LoginThrottle extends Model {
  declare commune_id: string;
  declare identifier_key: string;
  declare failures: number;
  declare locked_until: Date | null;
  declare updated_at: Date;
}

export function initAccountModels(sequelize: Sequelize): void {
  const id = { type: DataTypes.STRING(64), primaryKey: true };
  Account.init(
    {
      id,
      commune_id: DataTypes.STRING,
      identifier: DataTypes.STRING,
      email: DataTypes.STRING,
      kind: DataTypes.STRING,
      roles: DataTypes.STRING,
      guardian_id: DataTypes.STRING,
      display_name: DataTypes.STRING,
      password_hash: DataTypes.STRING,
      status: DataTypes.STRING,
      activated_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'accounts', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  AccountToken.init(
    {
      id,
      commune_id: DataTypes.STRING,
      account_id: DataTypes.STRING,
      purpose: DataTypes.STRING,
      token_hash: DataTypes.STRING,
      expires_at: DataTypes.DATE,
      used_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'account_tokens', timestamps: false },
  );
  Session.init(
    {
      id,
      commune_id: DataTypes.STRING,
      account_id: DataTypes.STRING,
      access_hash: DataTypes.STRING,
      access_expires_at: DataTypes.DATE,
      refresh_hash: DataTypes.STRING,
      previous_refresh_hash: DataTypes.STRING,
      rotated_at: DataTypes.DATE,
      idle_expires_at: DataTypes.DATE,
      absolute_expires_at: DataTypes.DATE,
      revoked_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'sessions', timestamps: false },
  );
  if (!Session.associations.account) Session.belongsTo(Account, { foreignKey: 'account_id', as: 'account' });
  LoginThrottle.init(
    {
      commune_id: { type: DataTypes.STRING, primaryKey: true },
      identifier_key: { type: DataTypes.STRING, primaryKey: true },
      failures: DataTypes.INTEGER,
      locked_until: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'login_throttles', timestamps: false },
  );
}
