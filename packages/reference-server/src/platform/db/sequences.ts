import type { Transaction } from 'sequelize';
import { selectRows } from './rows.js';
import { Sequence } from './sequence.model.js';

/**
 * The next number of a per-commune counter, gapless: taken inside the caller's write
 * transaction (a rolled-back request gives its number back). PostgreSQL holds the row lock
 * of the UPDATE until commit; SQLite's writes are queued.
 */
export async function nextNumber(communeId: string, name: string, transaction: Transaction): Promise<number> {
  return reserveNumbers(communeId, name, 1, transaction);
}

/**
 * Takes `count` consecutive numbers of a per-commune counter at once (same rules as
 * `nextNumber`: inside the caller's write transaction, so a rollback gives them all back);
 * answers the first. A billing run numbers all its invoices with one update.
 */
export async function reserveNumbers(communeId: string, name: string, count: number, transaction: Transaction): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`cannot reserve ${count} numbers`);
  const take = async () => {
    if (!Sequence.sequelize) throw new Error('models are not initialised');
    const rows = await selectRows(
      Sequence.sequelize,
      'UPDATE sequences SET value = value + :count WHERE commune_id = :communeId AND name = :name RETURNING value',
      { communeId, name, count },
      transaction,
    );
    return rows?.[0] ? Number(rows[0].value) - count + 1 : null;
  };
  // One statement in the usual case; the counter's first use creates it.
  const taken = await take();
  if (taken !== null) return taken;
  await Sequence.bulkCreate([{ commune_id: communeId, name, value: 0 }], { ignoreDuplicates: true, transaction });
  const first = await take();
  if (first === null) throw new Error(`sequence ${name} vanished`);
  return first;
}
