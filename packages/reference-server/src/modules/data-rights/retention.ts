import { DateTime } from 'luxon';
import { Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { AuditEntry, audit } from '../audit/audit.js';
import { ZONE } from '../bookings/rules/civil-date.js';
import { Commune } from '../communes/commune.model.js';
import { Family } from '../families/family.models.js';
import { type KeptTable, purgeFamily } from './family-data.js';

/**
 * Retention of inactive families' data (CNIL: no longer than needed).
 *
 * A family's LAST ACTIVITY is the latest of:
 * - the family record's creation and last change (families.created_at, updated_at);
 * - its guardians' account activations (accounts.activated_at) and logins (each login
 *   opens a session: sessions.created_at);
 * - its booking requests (booking_requests.created_at);
 * - its children's bookings, made or changed by anyone (bookings.updated_at);
 * - its children's absences (absences.created_at).
 * A family is INACTIVE BEYOND THE RETENTION PERIOD when its last activity is strictly
 * before now minus the commune's `retention_months` (calendar months, Europe/Paris).
 * Such a family is purged (see purgeFamily: deleted, or anonymised where accounting
 * records refer to it).
 */

export interface RetentionCandidate {
  id: string;
  number: string;
  lastActivityAt: Date;
}

/** Each source of activity: its query, and the column naming the family (to check one family). */
const SOURCES: [sql: string, familyColumn: string][] = [
  ['SELECT id AS family_id, MAX(created_at) AS at FROM families WHERE commune_id = :commune {and} GROUP BY id', 'id'],
  ['SELECT id AS family_id, MAX(updated_at) AS at FROM families WHERE commune_id = :commune {and} GROUP BY id', 'id'],
  [
    'SELECT g.family_id, MAX(a.activated_at) AS at FROM accounts a JOIN guardians g ON g.id = a.guardian_id WHERE g.commune_id = :commune {and} GROUP BY g.family_id',
    'g.family_id',
  ],
  [
    'SELECT g.family_id, MAX(s.created_at) AS at FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN guardians g ON g.id = a.guardian_id WHERE g.commune_id = :commune {and} GROUP BY g.family_id',
    'g.family_id',
  ],
  ['SELECT family_id, MAX(created_at) AS at FROM booking_requests WHERE commune_id = :commune {and} GROUP BY family_id', 'family_id'],
  [
    'SELECT c.family_id, MAX(b.updated_at) AS at FROM bookings b JOIN children c ON c.id = b.child_id WHERE c.commune_id = :commune {and} GROUP BY c.family_id',
    'c.family_id',
  ],
  [
    'SELECT c.family_id, MAX(x.created_at) AS at FROM absences x JOIN children c ON c.id = x.child_id WHERE c.commune_id = :commune {and} GROUP BY c.family_id',
    'c.family_id',
  ],
];

/** SQLite answers aggregated instants as text, PostgreSQL as Date. */
function instant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function inactiveSince(months: number, now: Date): Date {
  return DateTime.fromJSDate(now, { zone: ZONE }).minus({ months }).toJSDate();
}

/** The commune's families whose last activity is before `cutoff`, oldest activity first. */
export async function inactiveFamilies(
  sequelize: Sequelize,
  communeId: string,
  cutoff: Date,
  only?: { familyId: string; transaction: Transaction },
): Promise<RetentionCandidate[]> {
  const last = new Map<string, Date>();
  for (const [sql, familyColumn] of SOURCES) {
    const rows = await sequelize.query<{ family_id: string; at: unknown }>(
      sql.replace('{and}', only ? `AND ${familyColumn} = :family` : ''),
      {
        replacements: { commune: communeId, family: only?.familyId ?? null },
        type: QueryTypes.SELECT,
        transaction: only?.transaction ?? null,
      },
    );
    for (const row of rows) {
      const at = instant(row.at);
      const known = last.get(row.family_id);
      if (at && (!known || at > known)) last.set(row.family_id, at);
    }
  }
  const ids = [...last].filter(([, at]) => at < cutoff).map(([id]) => id);
  if (ids.length === 0) return [];
  const families = await Family.findAll({
    where: { commune_id: communeId, id: { [Op.in]: ids } },
    attributes: ['id', 'number'],
    transaction: only?.transaction ?? null,
  });
  return families
    .map((f) => ({ id: f.id, number: f.number, lastActivityAt: last.get(f.id) ?? new Date(0) }))
    .sort((a, b) => a.lastActivityAt.getTime() - b.lastActivityAt.getTime());
}

export interface RetentionReport {
  dryRun: boolean;
  months: number;
  inactiveSince: string;
  families: { id: string; number: string; lastActivityAt: string; outcome: 'deleted' | 'anonymised' }[];
  auditLog: { months: number; before: string; entries: number };
}

/**
 * Purges (or, dry run, lists) one commune's families inactive beyond its retention period.
 * Each family is purged in its own write transaction, audited without personal data.
 * A dry run says `deleted` or `anonymised` as the purge would.
 */
export async function runRetention(
  ctx: Pick<AppContext, 'db' | 'config'>,
  args: { communeId: string; actorId: string | null; dryRun: boolean; now?: Date; kept?: KeptTable[]; ip?: string | undefined },
): Promise<RetentionReport> {
  const { db } = ctx;
  const commune = await Commune.findByPk(args.communeId);
  if (!commune) throw new Error(`unknown commune ${args.communeId}`);
  const now = args.now ?? new Date();
  const cutoff = inactiveSince(commune.retention_months, now);
  const candidates = await inactiveFamilies(db.sequelize, commune.id, cutoff);
  const families: RetentionReport['families'] = [];
  for (const family of candidates) {
    const outcome = await db
      .write(async (transaction) => {
        // Checked again inside the write: a parent who came back since the list was read keeps everything.
        const still = await inactiveFamilies(db.sequelize, commune.id, cutoff, { familyId: family.id, transaction });
        if (still.length === 0) return 'kept' as const;
        const result = await purgeFamily(
          db.sequelize,
          { communeId: commune.id, familyId: family.id, ...(args.kept ? { kept: args.kept } : {}) },
          transaction,
        );
        if (args.dryRun) {
          // Same work, then nothing kept: the report is exactly what a real run would do.
          throw new DryRun(result);
        }
        await audit(
          { communeId: commune.id, actorId: args.actorId, action: `retention.family_${result}`, target: { type: 'family', id: family.id } },
          transaction,
        );
        return result;
      })
      .catch((error: unknown) => {
        if (error instanceof DryRun) return error.outcome;
        throw error;
      });
    if (outcome === 'kept') continue;
    families.push({ id: family.id, number: family.number, lastActivityAt: family.lastActivityAt.toISOString(), outcome });
  }
  const auditMonths = ctx.config.retention.auditLogMonths;
  const auditBefore = inactiveSince(auditMonths, now);
  const auditEntries = await db.write(async (transaction) => {
    // The access log's own retention: it holds staff and parents' IP addresses, kept no longer than needed.
    const old = { commune_id: commune.id, at: { [Op.lt]: auditBefore } };
    const entries = args.dryRun
      ? await AuditEntry.count({ where: old, transaction })
      : await AuditEntry.destroy({ where: old, transaction });
    if (!args.dryRun) await Commune.update({ retention_run_at: now }, { where: { id: commune.id }, transaction });
    await audit(
      { communeId: commune.id, actorId: args.actorId, action: args.dryRun ? 'retention.dry_run' : 'retention.run', ip: args.ip },
      transaction,
    );
    return entries;
  });
  return {
    dryRun: args.dryRun,
    months: commune.retention_months,
    inactiveSince: cutoff.toISOString(),
    families,
    auditLog: { months: auditMonths, before: auditBefore.toISOString(), entries: auditEntries },
  };
}

class DryRun extends Error {
  constructor(readonly outcome: 'deleted' | 'anonymised') {
    super('dry run: rolled back');
  }
}

/** Between two background runs for one commune. */
const RUN_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * The background check: one cheap query finds the communes whose last run is over a day
 * old (or never ran); only those are purged. Called on an interval by the server.
 */
export async function retentionTick(ctx: Pick<AppContext, 'db' | 'config'>, now = new Date()): Promise<number> {
  const due = await Commune.findAll({
    where: { [Op.or]: [{ retention_run_at: null }, { retention_run_at: { [Op.lt]: new Date(now.getTime() - RUN_EVERY_MS) } }] },
    attributes: ['id'],
  });
  for (const commune of due) await runRetention(ctx, { communeId: commune.id, actorId: null, dryRun: false, now });
  return due.length;
}
