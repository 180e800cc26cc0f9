import { DataTypes, Model, type Sequelize } from 'sequelize';

export type DocumentCategory = 'canteen_menu' | 'activity_planning' | 'enrolment_form' | 'school_pre_enrolment';

/** A document the commune publishes for families; its bytes are a stored file. */
export class PublishedDocument extends Model {
  declare id: string;
  declare commune_id: string;
  declare category: DocumentCategory;
  declare title: string;
  declare valid_from: string;
  declare valid_to: string;
  /** null: every family of the commune; else the families with a child enrolled there. */
  declare facility_id: string | null;
  declare file_id: string;
  declare published_by: string;
  declare published_at: Date;
  declare unpublished_at: Date | null;
}

export function initDocumentModel(sequelize: Sequelize): void {
  PublishedDocument.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      commune_id: DataTypes.STRING,
      category: DataTypes.STRING,
      title: DataTypes.STRING,
      valid_from: DataTypes.DATEONLY,
      valid_to: DataTypes.DATEONLY,
      facility_id: DataTypes.STRING,
      file_id: DataTypes.STRING,
      published_by: DataTypes.STRING,
      published_at: DataTypes.DATE,
      unpublished_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'documents', timestamps: false },
  );
}
