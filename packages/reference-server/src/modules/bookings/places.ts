import { literal, Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { groupBy, unique } from '../../platform/collections.js';
import { runBatch, type Statement } from '../../platform/db/batch.js';
import { insertStatement, type Value } from '../../platform/db/insert-rows.js';
import { selectRows } from '../../platform/db/rows.js';
import { timeOrderedId } from '../../platform/ids.js';
import { type Activity, ActivityDay, type BookingRequestLineRow, type BookingRequestRow, type BookingStateName } from './booking.models.js';

/**
 * Takes one place of an activity on a day, or answers false when none is left. The
 * capacity rule is a single conditional UPDATE (booked < capacity) on the day's counter:
 * concurrent takers are serialised by the row (PostgreSQL) or the write queue (SQLite),
 * and the counter can never pass the capacity.
 */
export async function takePlace(activity: Activity, date: string, communeId: string, transaction: Transaction): Promise<boolean> {
  await ActivityDay.bulkCreate([{ activity_id: activity.id, date, commune_id: communeId, booked: 0 }], {
    ignoreDuplicates: true,
    transaction,
  });
  const [changed] = await ActivityDay.update(
    { booked: literal('booked + 1') },
    {
      where: {
        activity_id: activity.id,
        date,
        ...(activity.capacity_per_day === null ? {} : { booked: { [Op.lt]: activity.capacity_per_day } }),
      },
      transaction,
    },
  );
  return changed === 1;
}

/** Gives a place back (a booked day cancelled). */
export async function releasePlace(activityId: string, date: string, transaction: Transaction): Promise<void> {
  await ActivityDay.update(
    { booked: literal('booked - 1') },
    { where: { activity_id: activityId, date, booked: { [Op.gt]: 0 } }, transaction },
  );
}

export type DayKey = string;
export const dayKey = (activityId: string, date: string): DayKey => `${activityId}|${date}`;

/** The columns of a booking that a request reads and changes. */
export interface StoredBooking {
  id: string;
  child_id: string;
  activity_id: string;
  date: string;
  state: string;
}

interface Counter {
  activity: Activity;
  date: string;
  booked: number;
  delta: number;
}

interface Change {
  childId: string;
  activityId: string;
  date: string;
  existing: StoredBooking | undefined;
  state: BookingStateName;
}

/**
 * One request's view of the days it touches: reads the child's bookings and the days'
 * counters once, judges in memory, then writes everything in one batch. Correct under
 * concurrency because the counters are locked as they are read (PostgreSQL: the row locks
 * of an upsert, always in (activity, date) order so two writers cannot deadlock; SQLite:
 * writes are serialised by the write queue). A place given back goes first to the oldest
 * booking on the day's waiting list.
 */
export class DayPlaces {
  /** The counters read (and locked) by `lock`: places taken, by day. */
  readonly #locked = new Map<DayKey, number>();
  /** Locked days that have no counter row yet (SQLite only: see `#readCounters`). */
  readonly #uncounted = new Set<DayKey>();
  /** The counters this request judges with, created from `#locked` when first used. */
  readonly #counters = new Map<DayKey, Counter>();
  readonly #changes: Change[] = [];
  readonly #released = new Set<DayKey>();
  readonly #sequelize: Sequelize;

  constructor(
    private readonly communeId: string,
    private readonly transaction: Transaction,
  ) {
    this.#sequelize = (transaction as Transaction & { sequelize: Sequelize }).sequelize;
  }

  async #select<T extends object>(sql: string, replacements: Record<string, unknown>): Promise<T[]> {
    return (await selectRows(this.#sequelize, sql, replacements, this.transaction)) as T[];
  }

  /** The child's bookings on the requested (activity, day)s. */
  async bookingsOf(childId: string, days: { activityId: string; date: string }[]): Promise<Map<DayKey, StoredBooking>> {
    const found = new Map<DayKey, StoredBooking>();
    if (days.length === 0) return found;
    const rows = await this.#select<StoredBooking>(
      'SELECT id, child_id, activity_id, date, state FROM bookings WHERE child_id = :childId AND activity_id IN (:activities) AND date IN (:dates)',
      { childId, activities: unique(days.map((d) => d.activityId)), dates: unique(days.map((d) => d.date)) },
    );
    for (const row of rows) found.set(dayKey(row.activity_id, row.date), row);
    return found;
  }

  /**
   * Creates the missing counters of these days, and locks and reads them all, in one
   * statement: the upsert's no-op update makes RETURNING answer the existing rows too, and
   * locks them on PostgreSQL as `FOR UPDATE` would — in (activity, date) order, the same for
   * every writer, so two writers cannot deadlock.
   */
  async lock(days: { activityId: string; date: string }[]): Promise<void> {
    const byKey = new Map(days.map((d) => [dayKey(d.activityId, d.date), d]));
    if (byKey.size === 0) return;
    if (this.#sequelize.getDialect() === 'sqlite') return this.#readCounters(byKey);
    const keys = [...byKey.keys()].sort();
    const values = keys.map((_, i) => `(:a${i}, :d${i}, :commune, 0)`).join(', ');
    const replacements: Record<string, unknown> = { commune: this.communeId };
    keys.forEach((key, i) => {
      const day = byKey.get(key);
      replacements[`a${i}`] = day?.activityId;
      replacements[`d${i}`] = day?.date;
    });
    // The leading comment matters: Sequelize's SQLite dialect runs any statement that starts
    // with "INSERT INTO" without reading its rows, and RETURNING's rows are the point here.
    const rows = await this.#select<{ activity_id: string; date: string; booked: number }>(
      `/* lock the day counters */ INSERT INTO activity_days (activity_id, date, commune_id, booked) VALUES ${values}
       ON CONFLICT (activity_id, date) DO UPDATE SET booked = activity_days.booked
       RETURNING activity_id, date, booked`,
      replacements,
    );
    for (const row of rows) this.#locked.set(dayKey(row.activity_id, row.date), Number(row.booked));
  }

  /**
   * SQLite: the write queue already makes this request the only writer, so the counters are
   * only read — an upsert would rewrite every row it locks, for nothing. A day with no
   * counter yet counts 0 places taken, and `save` creates its row.
   */
  async #readCounters(byKey: Map<DayKey, { activityId: string; date: string }>): Promise<void> {
    const days = [...byKey.values()];
    const rows = await this.#select<{ activity_id: string; date: string; booked: number }>(
      'SELECT activity_id, date, booked FROM activity_days WHERE activity_id IN (:activities) AND date IN (:dates)',
      { activities: unique(days.map((d) => d.activityId)), dates: unique(days.map((d) => d.date)) },
    );
    for (const key of byKey.keys()) {
      this.#locked.set(key, 0);
      this.#uncounted.add(key);
    }
    for (const row of rows) {
      const key = dayKey(row.activity_id, row.date);
      if (!byKey.has(key)) continue;
      this.#locked.set(key, Number(row.booked));
      this.#uncounted.delete(key);
    }
  }

  /** The counter of a locked day, as this request is changing it. */
  #counter(day: { activity: Activity; date: string }): Counter | undefined {
    const key = dayKey(day.activity.id, day.date);
    let counter = this.#counters.get(key);
    const booked = this.#locked.get(key);
    if (!counter && booked !== undefined) {
      counter = { activity: day.activity, date: day.date, booked, delta: 0 };
      this.#counters.set(key, counter);
    }
    return counter;
  }

  /** Whether a place is left on a locked day (always, without a capacity). */
  hasRoom(day: { activity: Activity; date: string }): boolean {
    const capacity = day.activity.capacity_per_day;
    if (capacity === null) return true;
    const counter = this.#counter(day);
    if (!counter) throw new Error(`day ${day.date} was not locked`);
    return counter.booked + counter.delta < capacity;
  }

  /** Records a booking's new state; a place is taken or given back with it. */
  setState(childId: string, day: { activity: Activity; date: string }, existing: StoredBooking | undefined, state: BookingStateName): void {
    const key = dayKey(day.activity.id, day.date);
    const counter = this.#counter(day);
    const wasBooked = existing?.state === 'booked';
    if (counter && wasBooked && state !== 'booked') {
      counter.delta -= 1;
      this.#released.add(key);
    }
    if (counter && !wasBooked && state === 'booked') counter.delta += 1;
    this.#changes.push({ childId, activityId: day.activity.id, date: day.date, existing, state });
  }

  /**
   * Gives freed places to waiting lists, then writes bookings, counters and `extra`
   * statements in one batch (one round trip).
   */
  async save(now: Date, extra: Statement[] = []): Promise<{ childId: string; activityId: string; date: string }[]> {
    const promoted = await this.#promoteWaitingLists();
    const sql = (text: string, values: Statement['values']): Statement => ({ sql: text, values });
    const statements: Statement[] = [];
    const fresh = this.#changes.filter((c) => !c.existing);
    if (fresh.length > 0) {
      statements.push(
        insertStatement(
          this.#sequelize,
          'bookings',
          ['id', 'child_id', 'activity_id', 'date', 'state'],
          fresh.map((c) => [timeOrderedId(), c.childId, c.activityId, c.date, c.state]),
          { commune_id: this.communeId, updated_at: now },
        ),
      );
    }
    for (const [state, changes] of groupBy(
      this.#changes.filter((c) => c.existing),
      (c) => c.state,
    )) {
      const ids = changes.map((c) => c.existing?.id ?? '');
      statements.push(sql('UPDATE bookings SET state = :state, updated_at = :now WHERE id IN (:ids)', { state, now, ids }));
    }
    const moved = [...this.#counters.values()].filter((c) => c.delta !== 0);
    const created = moved.filter((c) => this.#uncounted.has(dayKey(c.activity.id, c.date)));
    if (created.length > 0) {
      statements.push(
        insertStatement(
          this.#sequelize,
          'activity_days',
          ['activity_id', 'date', 'booked'],
          created.map((c) => [c.activity.id, c.date, c.delta]),
          { commune_id: this.communeId },
        ),
      );
    }
    const updated = moved.filter((c) => !created.includes(c));
    for (const [group, counters] of groupBy(updated, (c) => `${c.activity.id}|${c.delta}`)) {
      const [activityId = '', delta] = group.split('|');
      const dates = counters.map((c) => c.date);
      statements.push(
        sql('UPDATE activity_days SET booked = booked + :delta WHERE activity_id = :activityId AND date IN (:dates)', {
          delta: Number(delta),
          activityId,
          dates,
        }),
      );
    }
    await runBatch(this.#sequelize, this.transaction, [...statements, ...extra]);
    return promoted;
  }

  async #promoteWaitingLists(): Promise<{ childId: string; activityId: string; date: string }[]> {
    const freed = [...this.#released]
      .map((key) => this.#counters.get(key))
      .filter((c): c is Counter => c !== undefined && c.activity.overflow === 'waiting_list' && this.hasRoom(c));
    if (freed.length === 0) return [];
    const waiting = await this.#select<StoredBooking>(
      `SELECT id, child_id, activity_id, date, state FROM bookings
       WHERE activity_id IN (:activities) AND date IN (:dates) AND state = 'waiting_list'
       ORDER BY updated_at, id`,
      { activities: unique(freed.map((c) => c.activity.id)), dates: unique(freed.map((c) => c.date)) },
    );
    const promoted: { childId: string; activityId: string; date: string }[] = [];
    for (const booking of waiting) {
      const counter = this.#counters.get(dayKey(booking.activity_id, booking.date));
      if (!counter || !this.#released.has(dayKey(booking.activity_id, booking.date)) || !this.hasRoom(counter)) continue;
      this.setState(booking.child_id, counter, booking, 'booked');
      promoted.push({ childId: booking.child_id, activityId: booking.activity_id, date: booking.date });
    }
    return promoted;
  }

  /**
   * Places opened by a higher (or no more) capacity go to the waiting lists of the coming
   * days, oldest first on each day, never above the new capacity. Answers who got a place.
   */
  async promoteOnMoreRoom(
    activity: Activity,
    fromDate: string,
    now: Date,
  ): Promise<{ childId: string; activityId: string; date: string }[]> {
    const waiting = await this.#select<StoredBooking>(
      `SELECT id, child_id, activity_id, date, state FROM bookings
       WHERE activity_id = :activityId AND date >= :fromDate AND state = 'waiting_list'
       ORDER BY date, updated_at, id`,
      { activityId: activity.id, fromDate },
    );
    if (waiting.length === 0) return [];
    await this.lock(unique(waiting.map((b) => b.date)).map((date) => ({ activityId: activity.id, date })));
    const promoted: { childId: string; activityId: string; date: string }[] = [];
    for (const booking of waiting) {
      const day = { activity, date: booking.date };
      if (!this.hasRoom(day)) continue;
      this.setState(booking.child_id, day, booking, 'booked');
      promoted.push({ childId: booking.child_id, activityId: activity.id, date: booking.date });
    }
    await this.save(now);
    return promoted;
  }

  /** The statements that insert a request and its lines (for `save`'s batch). */
  requestStatements(request: BookingRequestRow, lines: BookingRequestLineRow[]): Statement[] {
    const insert = (table: string, rows: (BookingRequestRow | BookingRequestLineRow)[]) => {
      const plain = rows as unknown as Record<string, Value>[];
      const columns = Object.keys(plain[0] ?? {});
      return insertStatement(
        this.#sequelize,
        table,
        columns,
        plain.map((row) => columns.map((c) => row[c] ?? null)),
      );
    };
    return lines.length > 0
      ? [insert('booking_requests', [request]), insert('booking_request_lines', lines)]
      : [insert('booking_requests', [request])];
  }
}
