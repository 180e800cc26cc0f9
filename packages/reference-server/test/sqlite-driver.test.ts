import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataTypes, Model, Op, QueryTypes, UniqueConstraintError } from 'sequelize';
import { type Database, openDatabase } from '../src/platform/db/database.js';
import { selectRows } from '../src/platform/db/rows.js';
import { Database as Connection } from '../src/platform/db/sqlite-driver.js';

// The SQLite driver under Sequelize (node-sqlite3's API over better-sqlite3): what Sequelize
// and our raw statements rely on, checked on a real file.
describe('SQLite driver', { skip: process.env.PORTAIL_TEST_BACKEND === 'postgres' ? 'SQLite only' : false }, () => {
  let dir: string;
  let db: Database;
  class Note extends Model {
    declare id: number;
    declare text: string;
    declare done: boolean;
    declare due: Date | null;
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-driver-'));
    db = openDatabase({ databaseUrl: null, dataDir: dir });
    Note.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        text: { type: DataTypes.STRING, allowNull: false, unique: true },
        done: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        due: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize: db.sequelize, tableName: 'notes', timestamps: false },
    );
    await Note.sync();
  });
  after(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps what Sequelize writes: ids, booleans, dates, and finds them again', async () => {
    const due = new Date('2026-03-29T01:30:00.000Z');
    const created = await db.write((transaction) => Note.create({ text: 'cantine', done: true, due }, { transaction }));
    assert.equal(typeof created.id, 'number');
    const found = await Note.findOne({ where: { text: 'cantine' } });
    assert.equal(found?.id, created.id);
    assert.equal(found?.done, true);
    assert.equal(found?.due?.toISOString(), due.toISOString());
    const [updated] = await db.write((transaction) => Note.update({ done: false }, { where: { id: created.id }, transaction }));
    assert.equal(updated, 1);
    const bound = await db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM notes WHERE done = $done AND text = $text', {
      bind: { done: false, text: 'cantine' },
      type: QueryTypes.SELECT,
    });
    assert.equal(bound[0]?.n, 1);
  });

  it('hand-written reads bind their values: lists, empty lists, quotes and colons inside strings', async () => {
    await db.write((transaction) => Note.create({ text: "l'heure: 8:30" }, { transaction }));
    const texts = (rows: Record<string, unknown>[]) => rows.map((r) => r.text);
    const sql = "SELECT text FROM notes WHERE (text IN (:texts) OR text = ':texts') AND done = :done ORDER BY text";
    assert.deepEqual(texts(await selectRows(db.sequelize, sql, { texts: ["l'heure: 8:30", 'absent'], done: false })), ["l'heure: 8:30"]);
    assert.deepEqual(texts(await selectRows(db.sequelize, sql, { texts: [], done: false })), []);
    assert.deepEqual(texts(await selectRows(db.sequelize, sql, { texts: ["l'heure: 8:30"], done: true })), []);
  });

  it('a duplicate is a UniqueConstraintError, and the transaction leaves nothing behind', async () => {
    await db.write((transaction) => Note.create({ text: 'garderie' }, { transaction }));
    await assert.rejects(
      db.write(async (transaction) => {
        await Note.create({ text: 'ALSH' }, { transaction });
        await Note.create({ text: 'garderie' }, { transaction });
      }),
      UniqueConstraintError,
    );
    assert.equal(await Note.count({ where: { text: 'ALSH' } }), 0);
  });

  it('write transactions sent together: each kept or undone on its own', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `groupé ${i}`);
    const results = await Promise.allSettled(
      texts.map((text, i) =>
        db.write(async (transaction) => {
          await Note.create({ text }, { transaction });
          await Note.create({ text: `${text} bis` }, { transaction });
          if (i % 4 === 2) throw new Error(`${text} refusé`);
          return text;
        }),
      ),
    );
    const kept = texts.filter((_, i) => i % 4 !== 2);
    assert.deepEqual(
      results.map((r) => r.status === 'fulfilled'),
      texts.map((_, i) => i % 4 !== 2),
    );
    const stored = (await Note.findAll({ where: { text: texts.flatMap((t) => [t, `${t} bis`]) } })).map((n) => n.text).sort();
    assert.deepEqual(stored, kept.flatMap((t) => [t, `${t} bis`]).sort());
  });

  it('a read outside the transaction never sees what a write transaction has not committed', async () => {
    const count = async () =>
      Number((await selectRows(db.sequelize, 'SELECT COUNT(*) AS n FROM notes WHERE text = :text', { text: 'pas encore' }))[0]?.n);
    assert.equal(await count(), 0);
    let seenInside = -1;
    await db.write(async (transaction) => {
      await Note.create({ text: 'pas encore' }, { transaction });
      // The transaction stays open across a real wait while another request reads.
      await new Promise((resolve) => setTimeout(resolve, 5));
      seenInside = await count();
      const mine = await selectRows(
        db.sequelize,
        'SELECT COUNT(*) AS n FROM notes WHERE text = :text',
        { text: 'pas encore' },
        transaction,
      );
      assert.equal(Number(mine[0]?.n), 1, 'the transaction sees its own write');
    });
    assert.equal(seenInside, 0);
    assert.equal(await count(), 1);
  });

  it('answers later, never inside the call, in the order the statements were sent', async () => {
    const connection = new Connection(path.join(dir, 'order.sqlite'));
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      connection.exec('CREATE TABLE t (v TEXT)', (error) => (error ? reject(error) : resolve()));
    });
    connection.run('INSERT INTO t VALUES (?)', ['a'], function (this: { changes: number; lastID: number }, error: Error | null) {
      seen.push(`run ${error ?? ''}${this.changes} ${this.lastID}`);
    });
    connection.all('SELECT v FROM t', (error: Error | null, rows: unknown[]) => seen.push(`all ${error ?? ''}${JSON.stringify(rows)}`));
    seen.push('sent');
    await new Promise<void>((resolve) => connection.close(() => resolve()));
    assert.deepEqual(seen, ['sent', 'run 1 1', 'all [{"v":"a"}]']);
  });

  it('a write outside the write queue while a write transaction is open fails at once instead of hanging', async () => {
    const started = Date.now();
    await db.write(async (transaction) => {
      await Note.create({ text: 'périscolaire' }, { transaction });
      // No transaction: this goes to the reading connection, which could only sleep waiting for the lock held here.
      await assert.rejects(Note.create({ text: 'mercredi' }), /write outside the write queue/);
    });
    assert.ok(Date.now() - started < 5000, 'did not wait for the busy timeout');
    assert.equal(await Note.count({ where: { text: 'périscolaire' } }), 1);
    // Once the transaction is over, the same write goes through.
    await Note.create({ text: 'mercredi' });
    assert.equal(await Note.count({ where: { text: 'mercredi' } }), 1);
  });

  it('the log is copied back into the database file by a thread of its own, not by the commits', async () => {
    const file = path.join(dir, 'portail-famille.sqlite');
    const [setting] = await selectRows(db.sequelize, 'PRAGMA wal_autocheckpoint', {}, undefined);
    // Read on the writer's connection (idle here): its commits no longer checkpoint.
    assert.deepEqual(Object.values(setting ?? {}), [0]);
    const before = fs.statSync(file).size;
    // About 4 MB of notes, in 40 commits: over 1,000 pages of log.
    const text = 'x'.repeat(1000);
    for (let batch = 0; batch < 40; batch++) {
      await db.write((transaction) =>
        Note.bulkCreate(
          Array.from({ length: 100 }, (_, i) => ({ text: `${batch}-${i}-${text}` })),
          { transaction },
        ),
      );
    }
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < before + 4_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(fs.statSync(file).size >= before + 4_000_000, `the database file holds the notes (${fs.statSync(file).size} bytes)`);
    assert.equal(await Note.count({ where: { text: { [Op.like]: '39-%' } } }), 100);
  });
});
