import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { monthBounds } from './rules/invoices.js';

/** What a billed day is: a booked day, or a day present without a booking (when the commune bills those). */
export type DayKind = 'booking' | 'attendance';

/** Where each kind's days come from (alias `s`): the rows that make a day billable. */
const SOURCES: Record<DayKind, { table: string; billable: string }> = {
  booking: { table: 'bookings', billable: "s.state = 'booked'" },
  attendance: { table: 'attendances', billable: "s.status = 'present' AND s.booking_id IS NULL" },
};

/**
 * Claims for a run every billable, priced day of the month not yet in force, in ONE
 * statement writing ONE `billed_days` row per child and activity (migration 0015): the
 * month's days are summed into a mask per child and activity (each day once — bookings and
 * attendances are unique per child, activity and day), the days in force (the masks of the
 * rows not released, disjoint: their SUM is their OR) are taken out, and what is left, if
 * anything, is recorded with its count and the mask it was claimed against — the unique
 * index on that is the database's guard against two claims over the same state.
 *
 * The caller holds the commune's run number (runs of one commune follow each other).
 */
export async function claimDays(
  sequelize: Sequelize,
  kind: DayKind,
  args: { communeId: string; runId: string; month: string; familyIds?: string[] | undefined },
  transaction: Transaction,
): Promise<void> {
  const { start, next } = monthBounds(args.month);
  const postgres = sequelize.getDialect() === 'postgres';
  const no = falseLiteral(sequelize.getDialect());
  // Day d of the month as its bit index d-1; dates are `YYYY-MM-DD` text on SQLite.
  const bit = postgres ? '(s.date - CAST(:start AS DATE))' : '(CAST(substr(s.date, 9, 2) AS INTEGER) - 1)';
  const { table, billable } = SOURCES[kind];
  const familyFilter = args.familyIds ? 'AND s.child_id IN (SELECT id FROM children WHERE family_id IN (:familyIds))' : '';
  // PostgreSQL: no nested loops here. While billed_days is small or its statistics stale (a
  // new commune's first run), the planner may loop over the in-force masks once per group.
  if (postgres) await sequelize.query('SET LOCAL enable_nestloop = off', { transaction });
  // The month's rows are grouped by child and activity alone (no join before: the family,
  // the tariff and the days in force are looked up once per group, not once per day).
  await sequelize.query(
    `INSERT INTO billed_days (commune_id, kind, run_id, family_id, child_id, activity_id, month, days, quantity, in_force_before, released)
     SELECT :communeId, '${kind}', :runId, n.family_id, n.child_id, n.activity_id, :month, n.days, ${bitCount('n.days')}, n.in_force, ${no}
     FROM (SELECT c.family_id, g.child_id, g.activity_id, g.days & ~COALESCE(f.days, 0) AS days, COALESCE(f.days, 0) AS in_force
           FROM (SELECT s.child_id, s.activity_id, SUM(1 << ${bit}) AS days
                 FROM ${table} s
                 WHERE s.commune_id = :communeId AND ${billable} AND s.date >= :start AND s.date < :next ${familyFilter}
                 GROUP BY s.child_id, s.activity_id) g
           JOIN children c ON c.id = g.child_id
           JOIN activity_tariffs t ON t.activity_id = g.activity_id
           LEFT JOIN (SELECT child_id, activity_id, SUM(days) AS days FROM billed_days
                      WHERE commune_id = :communeId AND month = :month AND kind = '${kind}' AND released = ${no}
                      GROUP BY child_id, activity_id) f
             ON f.child_id = g.child_id AND f.activity_id = g.activity_id) n
     WHERE n.days <> 0`,
    {
      replacements: { communeId: args.communeId, runId: args.runId, month: args.month, start, next, familyIds: args.familyIds ?? [] },
      transaction,
      type: QueryTypes.INSERT,
    },
  );
  if (postgres) await sequelize.query('RESET enable_nestloop', { transaction });
}

/**
 * The number of set bits of a mask of at most 31 bits, in SQL both databases run (neither
 * SQLite nor PostgreSQL 15 has a bit count on integers): pairs, nibbles, bytes, then the
 * bytes summed by one multiplication (64-bit: no overflow).
 */
function bitCount(mask: string): string {
  const pairs = `(${mask} - ((${mask} >> 1) & 1431655765))`;
  const nibbles = `((${pairs} & 858993459) + ((${pairs} >> 2) & 858993459))`;
  const bytes = `((${nibbles} + (${nibbles} >> 4)) & 252645135)`;
  return `(((CAST(${bytes} AS BIGINT) * 16843009) >> 24) & 255)`;
}

/**
 * `false` as the partial unique indexes on billed_items and billed_days spell it: SQLite stores booleans as
 * 0/1 and only uses a partial index when the query repeats its condition word for word
 * (measured: `released = false` scanned the table — quadratic over a run).
 */
export function falseLiteral(dialect: string): string {
  return dialect === 'postgres' ? 'false' : '0';
}
