import { DataTypes, Model, type Sequelize } from 'sequelize';

export type FamilyStatus = 'married' | 'civil_partnership' | 'cohabiting' | 'single' | 'separated' | 'divorced' | 'widowed';
export type ChangeRequestStatus = 'pending' | 'accepted' | 'rejected';

export interface SharedCustody {
  billedGuardianId: string;
  evenWeeksGuardianId: string;
  oddWeeksGuardianId: string;
}

export interface HealthSheet {
  allergies: string | null;
  pai: boolean;
  doctorName: string | null;
  doctorPhone: string | null;
  vaccinationsUpToDate: boolean;
}

/** A proposal, as the contract's ChangeProposal spells it. */
export type ChangeProposal =
  | { kind: 'family_status'; familyStatus: FamilyStatus }
  | { kind: 'shared_custody'; sharedCustody: SharedCustody | null }
  | { kind: 'health_sheet'; childId: string; healthSheet: HealthSheet }
  | { kind: 'authorised_person_add'; person: { name: string; relation: string; phone: string } }
  | { kind: 'authorised_person_remove'; personId: string };

export class FamilySituation extends Model {
  declare family_id: string;
  declare commune_id: string;
  declare family_status: FamilyStatus | null;
  declare shared_custody: string | null;
  declare updated_at: Date;
}

export class ChildHealthSheet extends Model {
  declare child_id: string;
  declare commune_id: string;
  declare allergies: string | null;
  declare pai: boolean;
  declare doctor_name: string | null;
  declare doctor_phone: string | null;
  declare vaccinations_up_to_date: boolean;
  declare updated_at: Date;
}

export class AuthorisedPerson extends Model {
  declare id: string;
  declare commune_id: string;
  declare family_id: string;
  declare name: string;
  declare relation: string;
  declare phone: string;
  declare created_at: Date;
}

export class FamilyChangeRequest extends Model {
  declare id: string;
  declare commune_id: string;
  declare family_id: string;
  declare kind: ChangeProposal['kind'];
  declare change: string;
  declare comment: string | null;
  declare status: ChangeRequestStatus;
  declare staff_comment: string | null;
  declare submitted_by: string;
  declare decided_by: string | null;
  declare decided_at: Date | null;
  declare created_at: Date;
}

export class ChangeRequestAttachment extends Model {
  declare id: string;
  declare commune_id: string;
  declare request_id: string;
  declare file_id: string;
  declare created_at: Date;
}

export class EmailChange extends Model {
  declare id: string;
  declare commune_id: string;
  declare account_id: string;
  declare guardian_id: string;
  declare new_email: string;
  declare token_hash: string;
  declare expires_at: Date;
  declare used_at: Date | null;
  declare created_at: Date;
}

export function initFamilyChangeModels(sequelize: Sequelize): void {
  // A fresh object each time: sequelize writes into attribute definitions.
  const key = () => ({ type: DataTypes.STRING(64), primaryKey: true });
  const plain = (tableName: string) => ({ sequelize, tableName, timestamps: false });
  FamilySituation.init(
    {
      family_id: key(),
      commune_id: DataTypes.STRING,
      family_status: DataTypes.STRING,
      shared_custody: DataTypes.TEXT,
      updated_at: DataTypes.DATE,
    },
    plain('family_situations'),
  );
  ChildHealthSheet.init(
    {
      child_id: key(),
      commune_id: DataTypes.STRING,
      allergies: DataTypes.TEXT,
      pai: DataTypes.BOOLEAN,
      doctor_name: DataTypes.STRING,
      doctor_phone: DataTypes.STRING,
      vaccinations_up_to_date: DataTypes.BOOLEAN,
      updated_at: DataTypes.DATE,
    },
    plain('child_health_sheets'),
  );
  AuthorisedPerson.init(
    {
      id: key(),
      commune_id: DataTypes.STRING,
      family_id: DataTypes.STRING,
      name: DataTypes.STRING,
      relation: DataTypes.STRING,
      phone: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    plain('authorised_persons'),
  );
  FamilyChangeRequest.init(
    {
      id: key(),
      commune_id: DataTypes.STRING,
      family_id: DataTypes.STRING,
      kind: DataTypes.STRING,
      change: DataTypes.TEXT,
      comment: DataTypes.TEXT,
      status: DataTypes.STRING,
      staff_comment: DataTypes.TEXT,
      submitted_by: DataTypes.STRING,
      decided_by: DataTypes.STRING,
      decided_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    plain('family_change_requests'),
  );
  ChangeRequestAttachment.init(
    {
      id: key(),
      commune_id: DataTypes.STRING,
      request_id: DataTypes.STRING,
      file_id: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    plain('change_request_attachments'),
  );
  EmailChange.init(
    {
      id: key(),
      commune_id: DataTypes.STRING,
      account_id: DataTypes.STRING,
      guardian_id: DataTypes.STRING,
      new_email: DataTypes.STRING,
      token_hash: DataTypes.STRING,
      expires_at: DataTypes.DATE,
      used_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
    },
    plain('email_changes'),
  );
}
