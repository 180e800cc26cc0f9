import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../src/modules/bookings/rules/civil-date.js';
import { type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const compact = (date: string) => date.replaceAll('-', '');

describe('bookings: the family calendar (ICS)', () => {
  let t: TestServer;
  let w: BookingWorld;
  let parent: Awaited<ReturnType<typeof activatedParent>>;

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    parent = await activatedParent(t, 'alpha', 'agenda@example.fr', { first: 'Agathe', last: 'Agenda' });
    const childId = parent.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.cantine, w.mercredi]);
    await t.api(`${A}/children/${childId}/periods/${w.period.id}/requests`, {
      token: parent.parentToken,
      body: {
        lines: [
          { date: w.monday, activityId: w.cantine.id, action: 'add' },
          { date: addDays(w.monday, 1), activityId: w.cantine.id, action: 'add' },
          { date: addDays(w.monday, 2), activityId: w.mercredi.id, action: 'add' },
        ],
      },
    });
    await t.api(`${A}/children/${childId}/periods/${w.period.id}/requests`, {
      token: parent.parentToken,
      body: { lines: [{ date: addDays(w.monday, 1), activityId: w.cantine.id, action: 'cancel' }] },
    });
  });
  after(() => t.close());

  it('the secret address serves held bookings as all-day events; pending ones are tentative; cancelled ones are gone', async () => {
    const feed = await t.api(`${A}/family/calendar-feed`, { token: parent.parentToken, method: 'POST' });
    assert.equal(feed.status, 201);
    const response = await fetch(feed.body.url);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/calendar/);
    const ics = await response.text();
    assert.match(ics, /^BEGIN:VCALENDAR/);
    assert.match(ics, new RegExp(`DTSTART;VALUE=DATE:${compact(w.monday)}\\r?\\nDTEND;VALUE=DATE:${compact(addDays(w.monday, 1))}`));
    assert.match(ics, /SUMMARY:Cantine — Ève/);
    assert.match(ics, /SUMMARY:ALE mercredi — Ève \(en attente de validation\)[\s\S]*?STATUS:TENTATIVE/);
    assert.doesNotMatch(ics, new RegExp(`DTSTART;VALUE=DATE:${compact(addDays(w.monday, 1))}`), 'the cancelled Tuesday is not in it');
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 2);
  });

  it('a new address revokes the old one; a made-up one is not found; other families see nothing of it', async () => {
    const first = await t.api(`${A}/family/calendar-feed`, { token: parent.parentToken, method: 'POST' });
    const second = await t.api(`${A}/family/calendar-feed`, { token: parent.parentToken, method: 'POST' });
    assert.notEqual(first.body.url, second.body.url);
    assert.equal((await fetch(first.body.url)).status, 404);
    assert.equal((await fetch(second.body.url)).status, 200);
    assert.equal((await t.api(`${A}/calendar-feeds/${'z'.repeat(43)}`)).status, 404);
    const other = await activatedParent(t, 'alpha', 'autre.agenda@example.fr', { first: 'Otto', last: 'Autre' });
    const theirs = await t.api(`${A}/family/calendar-feed`, { token: other.parentToken, method: 'POST' });
    const ics = await (await fetch(theirs.body.url)).text();
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 0);
    const betaPath = second.body.url.replace('/communes/alpha/', '/communes/beta/');
    assert.equal((await fetch(betaPath)).status, 404, 'a feed belongs to its commune');
  });
});
