// The baseline of the booking-rush benchmark: express, JSON body, one SQLite insert per
// request — what any HTTP + database write costs on this machine, run as its own process,
// with the same SQLite driver (better-sqlite3) and settings as the reference server.
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';

const dir = process.argv[2];
const db = new Database(path.join(dir, 'baseline.sqlite'));
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, body TEXT)');
const insert = db.prepare('INSERT INTO hits (body) VALUES (?)');
const app = express();
app.use(express.json());
app.post('/insert', (req, res) => {
  try {
    insert.run(JSON.stringify(req.body));
  } catch {
    res.status(500).end();
    return;
  }
  res.status(201).json({ ok: true });
});
const server = app.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
