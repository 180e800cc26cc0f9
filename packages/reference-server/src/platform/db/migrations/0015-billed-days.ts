import { DataTypes, type QueryInterface, type Transaction } from 'sequelize';

const text = (length: number, allowNull = false) => ({ type: DataTypes.STRING(length), allowNull });

/**
 * `billed_days`: the billed days of one kind, child, activity and month claimed by one run,
 * as ONE row holding a mask of the days (bit d-1 for day d) and their count, instead of one
 * `billed_items` row per day (a monthly run of 100,000 days now writes ~5,000 rows).
 * `billed_items` keeps the flat fees (a key per family and period, not a day).
 *
 * The days in force for a kind, child, activity and month are the masks of its rows not
 * released; they never meet, so their SUM is their OR. `in_force_before` is what was in force
 * when the row was claimed (the claim reads it and skips those days). The guard: no two rows
 * in force may share it. Two claims made against the same state — the race that would bill
 * a day twice, should two runs ever not be serialised — then collide on the unique index
 * (on PostgreSQL the second waits for the first to commit, then fails), whereas honest rows
 * never do: a row in force claimed after another in force saw that one's days in force, and
 * its own `in_force_before` holds them, which the other's cannot (disjoint from its days).
 *
 * Existing items are converted, history kept: days billed stay billed, released stay released.
 * In one transaction: a conversion stopped half-way leaves the database as it was.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.transaction((transaction) => convert(qi, transaction));
}

async function convert(qi: QueryInterface, transaction: Transaction): Promise<void> {
  await qi.createTable(
    'billed_days',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      commune_id: { ...text(64), references: { model: 'communes', key: 'id' }, onDelete: 'CASCADE' },
      /** booking (booked days) or attendance (days present without a booking). */
      kind: text(12),
      run_id: text(64),
      family_id: text(64),
      child_id: text(64),
      activity_id: text(64),
      /** `YYYY-MM`. */
      month: text(7),
      /** Bit d-1 set: day d of the month billed (31 days fit in a positive 32-bit integer). */
      days: { type: DataTypes.INTEGER, allowNull: false },
      /** How many bits `days` has: the quantity on the invoice line. */
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      /** The days of the same kind, child, activity and month in force when these were claimed. */
      in_force_before: { type: DataTypes.INTEGER, allowNull: false },
      /** True once a cancelling credit note gave the days back (they may then be billed again). */
      released: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    },
    { transaction },
  );

  const sequelize = qi.sequelize;
  const dialect = sequelize.getDialect();
  const no = dialect === 'postgres' ? 'false' : '0';
  // One row per run, kind, child, activity and month; `in_force_before` is the sum of the
  // masks of the rows in force claimed before (ordered by their first item), as a run would
  // have read it.
  await sequelize.query(
    `INSERT INTO billed_days (commune_id, kind, run_id, family_id, child_id, activity_id, month, days, quantity, in_force_before, released)
     SELECT commune_id, kind, run_id, family_id, child_id, activity_id, month, days, quantity,
       CASE WHEN released = ${no} THEN CAST(COALESCE(SUM(days) OVER (
         PARTITION BY commune_id, month, kind, child_id, activity_id, released ORDER BY first_id
         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS INTEGER) ELSE 0 END,
       released
     FROM (SELECT commune_id, kind, run_id, family_id, child_id, activity_id, ${billedMonthOf(dialect, 'date')} AS month,
             CAST(SUM(1 << (${billedDayOf(dialect, 'date')} - 1)) AS INTEGER) AS days, COUNT(*) AS quantity, released, MIN(id) AS first_id
           FROM billed_items WHERE kind IN ('booking', 'attendance')
           GROUP BY commune_id, kind, run_id, family_id, child_id, activity_id, ${billedMonthOf(dialect, 'date')}, released) g
     ORDER BY first_id`,
    { transaction },
  );
  await sequelize.query(`DELETE FROM billed_items WHERE kind IN ('booking', 'attendance')`, { transaction });
  await qi.addIndex('billed_days', ['commune_id', 'month', 'kind', 'child_id', 'activity_id', 'in_force_before'], {
    unique: true,
    name: 'billed_days_in_force',
    where: { released: false },
    transaction,
  });
  // Appended in order, like billed_items_run (0014): reading a run, releasing a family's days.
  await qi.addIndex('billed_days', ['run_id'], { name: 'billed_days_run', transaction });
}

/** Day of the month (1–31) and `YYYY-MM` of a DATEONLY column: text on SQLite, a date on PostgreSQL. Here, not shared: a migration never changes. */
function billedDayOf(dialect: string, column: string): string {
  return dialect === 'postgres' ? `CAST(EXTRACT(DAY FROM ${column}) AS INTEGER)` : `CAST(substr(${column}, 9, 2) AS INTEGER)`;
}
function billedMonthOf(dialect: string, column: string): string {
  return dialect === 'postgres' ? `to_char(${column}, 'YYYY-MM')` : `substr(${column}, 1, 7)`;
}

/** Back to one `billed_items` row per day: each set bit finds its booking (or attendance) again. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.transaction((transaction) => convertBack(qi, transaction));
}

async function convertBack(qi: QueryInterface, transaction: Transaction): Promise<void> {
  const sequelize = qi.sequelize;
  const dialect = sequelize.getDialect();
  for (const [kind, table] of [
    ['booking', 'bookings'],
    ['attendance', 'attendances'],
  ] as const) {
    await sequelize.query(
      `INSERT INTO billed_items (commune_id, kind, ref_id, run_id, family_id, child_id, activity_id, date, released)
       SELECT d.commune_id, d.kind, r.id, d.run_id, d.family_id, d.child_id, d.activity_id, r.date, d.released
       FROM billed_days d
       JOIN ${table} r ON r.child_id = d.child_id AND r.activity_id = d.activity_id AND ${billedMonthOf(dialect, 'r.date')} = d.month
         AND (d.days >> (${billedDayOf(dialect, 'r.date')} - 1)) & 1 = 1
       WHERE d.kind = '${kind}'
       ORDER BY d.id, r.date`,
      { transaction },
    );
  }
  await qi.dropTable('billed_days', { transaction });
}
