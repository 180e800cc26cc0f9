import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { DataTypes, Model, type Sequelize, type Transaction } from 'sequelize';
import type { Database } from '../../platform/db/database.js';
import { authOf, communeOf } from '../../platform/http/context.js';

export class AuditEntry extends Model {
  declare id: string;
  declare commune_id: string;
  declare actor_account_id: string | null;
  declare action: string;
  declare target_type: string | null;
  declare target_id: string | null;
  declare ip: string | null;
  declare family_id: string | null;
  declare at: Date;
}

export function initAuditModel(sequelize: Sequelize): void {
  AuditEntry.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      commune_id: DataTypes.STRING,
      actor_account_id: DataTypes.STRING,
      action: DataTypes.STRING,
      target_type: DataTypes.STRING,
      target_id: DataTypes.STRING,
      ip: DataTypes.STRING,
      family_id: DataTypes.STRING,
      at: DataTypes.DATE,
    },
    { sequelize, tableName: 'audit_log', timestamps: false },
  );
}

export interface AuditEvent {
  communeId: string;
  actorId: string | null;
  /** e.g. `login.failed`, `family.created`, `account.unlocked`. */
  action: string;
  target?: { type: string; id: string };
  ip?: string | undefined;
  /** The family the action concerned, when there is one (admins filter the log by it). */
  familyId?: string | null;
}

/**
 * Records who did what to which object, and when — never the data itself (no names,
 * no passwords, no health details), so the log holds nothing worth stealing.
 */
export async function audit(event: AuditEvent, transaction: Transaction): Promise<void> {
  await AuditEntry.create(
    {
      id: randomUUID(),
      commune_id: event.communeId,
      actor_account_id: event.actorId,
      action: event.action,
      target_type: event.target?.type ?? null,
      target_id: event.target?.id ?? null,
      ip: event.ip ?? null,
      family_id: event.familyId ?? (event.target?.type === 'family' ? event.target.id : null),
      at: new Date(),
    },
    { transaction },
  );
}

/**
 * Logs what the staff member behind `req` just read or asked of the commune's data: a read
 * has no write transaction of its own, so the entry gets one.
 */
export function auditRead(
  db: Database,
  req: Request,
  action: string,
  about: { target?: { type: string; id: string }; familyId?: string | null } = {},
): Promise<void> {
  return db.write((t) => audit({ communeId: communeOf(req).id, actorId: authOf(req).account.id, action, ...about, ip: req.ip }, t));
}
