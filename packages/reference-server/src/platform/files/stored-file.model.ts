import { DataTypes, Model, type Sequelize } from 'sequelize';

/** A file kept in the database (so every server process of one database serves it). */
export class StoredFile extends Model {
  declare id: string;
  declare commune_id: string;
  declare media_type: AllowedMediaType;
  declare size: number;
  declare sha256: string;
  declare original_name: string;
  declare content: Buffer;
  declare uploaded_by: string | null;
  declare created_at: Date;
}

export type AllowedMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export function initStoredFileModel(sequelize: Sequelize): void {
  StoredFile.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      commune_id: DataTypes.STRING,
      media_type: DataTypes.STRING,
      size: DataTypes.INTEGER,
      sha256: DataTypes.STRING,
      original_name: DataTypes.STRING,
      content: DataTypes.BLOB,
      uploaded_by: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    // The bytes are read only when a file is downloaded.
    { sequelize, tableName: 'stored_files', timestamps: false, defaultScope: { attributes: { exclude: ['content'] } } },
  );
}
