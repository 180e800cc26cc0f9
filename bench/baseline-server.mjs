// The baseline of the booking-rush benchmark: express, JSON body, one SQLite insert per
// request — what any HTTP + database write costs on this machine, run as its own process.
import path from 'node:path';
import express from 'express';
import sqlite3 from 'sqlite3';

const dir = process.argv[2];
const db = new sqlite3.Database(path.join(dir, 'baseline.sqlite'));
db.exec(
  'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, body TEXT)',
  (error) => {
    if (error) throw error;
    const app = express();
    app.use(express.json());
    app.post('/insert', (req, res) => {
      db.run('INSERT INTO hits (body) VALUES (?)', [JSON.stringify(req.body)], (e) =>
        e ? res.status(500).end() : res.status(201).json({ ok: true }),
      );
    });
    const server = app.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
  },
);
