import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataTypes, Model } from 'sequelize';
import { type Database, openDatabase } from '../src/platform/db/database.js';
import { columnsOf, selectInstances } from '../src/platform/db/rows.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

// Hand-written reads answer model instances without `Model.build` (rows.ts `stored`): they
// must be the same instances as Sequelize's own, or `update()` and `changed()` would go wrong.
describe('instances read by hand-written SQL', () => {
  let test: TestDatabase;
  let db: Database;
  class Slot extends Model {
    declare id: string;
    declare label: string;
    declare open: boolean;
    declare starts_at: Date;
    declare day: string;
    declare seats: number | null;
  }
  const startsAt = new Date('2026-03-29T01:30:00.000Z');

  before(async () => {
    test = await createTestDatabase();
    db = openDatabase(test);
    Slot.init(
      {
        id: { type: DataTypes.STRING(64), primaryKey: true },
        label: { type: DataTypes.STRING, allowNull: false },
        open: { type: DataTypes.BOOLEAN, allowNull: false },
        starts_at: { type: DataTypes.DATE, allowNull: false },
        day: { type: DataTypes.DATEONLY, allowNull: false },
        seats: { type: DataTypes.INTEGER, allowNull: true },
      },
      { sequelize: db.sequelize, tableName: 'slots', timestamps: false },
    );
    await Slot.sync();
    await db.write((transaction) =>
      Slot.bulkCreate(
        [
          { id: 's1', label: 'Cantine', open: true, starts_at: startsAt, day: '2026-03-30', seats: 20 },
          { id: 's2', label: 'Garderie', open: false, starts_at: startsAt, day: '2026-03-31', seats: null },
        ],
        { transaction },
      ),
    );
  });
  after(async () => {
    await db.close();
    await test.drop();
  });

  const read = (id: string) =>
    selectInstances(Slot, `SELECT ${columnsOf(Slot, 's')} FROM slots s WHERE s.id = :id`, { id }).then(([slot]) => {
      assert.ok(slot, `slot ${id} read`);
      return slot;
    });

  it('holds what findByPk holds: the same values, types and state', async () => {
    for (const id of ['s1', 's2']) {
      const ours = await read(id);
      const theirs = await Slot.findByPk(id);
      assert.ok(theirs);
      assert.ok(ours instanceof Slot);
      assert.deepEqual(ours.get({ plain: true }), theirs.get({ plain: true }));
      assert.deepEqual(ours.toJSON(), theirs.toJSON());
      assert.equal(ours.isNewRecord, false);
      assert.equal(ours.changed(), false);
      assert.equal(ours.starts_at.toISOString(), startsAt.toISOString());
    }
  });

  it('saves exactly the values changed, and keeps the others', async () => {
    const slot = await read('s1');
    slot.set('seats', 25);
    assert.deepEqual(slot.changed(), ['seats']);
    assert.equal(slot.previous('seats'), 20);
    await db.write((transaction) => slot.save({ transaction }));
    const again = await Slot.findByPk('s1');
    assert.equal(again?.seats, 25);
    assert.equal(again?.label, 'Cantine');
    assert.equal(again?.open, true);

    const other = await read('s2');
    await db.write((transaction) => other.update({ open: true, label: 'Garderie du soir' }, { transaction }));
    const updated = await Slot.findByPk('s2');
    assert.equal(updated?.open, true);
    assert.equal(updated?.label, 'Garderie du soir');
    assert.equal(updated?.seats, null);
  });

  it('does not share its values with the row it came from once changed', async () => {
    const slot = await read('s1');
    slot.set('label', 'Cantine du mercredi');
    assert.equal(slot.previous('label'), 'Cantine');
    await db.write((transaction) => slot.reload({ transaction }));
    assert.equal(slot.label, 'Cantine');
    assert.equal(slot.changed(), false);
  });
});
