import { DataTypes, Model, type Sequelize } from 'sequelize';

export class Sequence extends Model {
  declare commune_id: string;
  declare name: string;
  declare value: number;
}

export function initSequenceModel(sequelize: Sequelize): void {
  Sequence.init(
    {
      commune_id: { type: DataTypes.STRING, primaryKey: true },
      name: { type: DataTypes.STRING, primaryKey: true },
      value: DataTypes.INTEGER,
    },
    { sequelize, tableName: 'sequences', timestamps: false },
  );
}
