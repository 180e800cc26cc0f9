import { DataTypes, Model, type Sequelize } from 'sequelize';

const options = (sequelize: Sequelize, tableName: string) => ({
  sequelize,
  tableName,
  timestamps: true,
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

export class Family extends Model {
  declare id: string;
  declare commune_id: string;
  declare number: string;
  declare address_line1: string;
  declare address_line2: string | null;
  declare postal_code: string;
  declare city: string;
  declare quotient_familial: number | null;
  declare guardians?: Guardian[];
  declare children?: Child[];
}

export class Guardian extends Model {
  declare id: string;
  declare commune_id: string;
  declare family_id: string;
  declare first_name: string;
  declare last_name: string;
  declare relation: 'mother' | 'father' | 'guardian' | 'other';
  declare email: string;
  declare phone: string | null;
  declare position: number;
}

export class Child extends Model {
  declare id: string;
  declare commune_id: string;
  declare family_id: string;
  declare first_name: string;
  declare last_name: string;
  declare birth_date: string;
  declare school: string | null;
  declare grade: string | null;
  declare position: number;
}

export function initFamilyModels(sequelize: Sequelize): void {
  const id = { type: DataTypes.STRING(64), primaryKey: true };
  Family.init(
    {
      id,
      commune_id: DataTypes.STRING,
      number: DataTypes.STRING,
      address_line1: DataTypes.STRING,
      address_line2: DataTypes.STRING,
      postal_code: DataTypes.STRING,
      city: DataTypes.STRING,
      quotient_familial: DataTypes.INTEGER,
    },
    options(sequelize, 'families'),
  );
  const person = {
    id,
    commune_id: DataTypes.STRING,
    family_id: DataTypes.STRING,
    first_name: DataTypes.STRING,
    last_name: DataTypes.STRING,
    position: DataTypes.INTEGER,
  };
  Guardian.init(
    { ...person, relation: DataTypes.STRING, email: DataTypes.STRING, phone: DataTypes.STRING },
    options(sequelize, 'guardians'),
  );
  Child.init(
    { ...person, birth_date: DataTypes.DATEONLY, school: DataTypes.STRING, grade: DataTypes.STRING },
    options(sequelize, 'children'),
  );
  if (!Family.associations.guardians) {
    Family.hasMany(Guardian, { foreignKey: 'family_id', as: 'guardians' });
    Family.hasMany(Child, { foreignKey: 'family_id', as: 'children' });
  }
}
