import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeOrderedId } from '../src/platform/ids.js';

describe('time-ordered ids (UUID v7)', () => {
  it('are UUIDs of version 7 and the RFC variant, carrying their millisecond', () => {
    const at = Date.parse('2026-12-07T06:20:00.123Z');
    const id = timeOrderedId(at);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16), at);
  });

  it('sort in the order they were made, one millisecond apart, and never repeat', () => {
    const start = Date.now();
    const made = Array.from({ length: 1000 }, (_, i) => timeOrderedId(start + i));
    assert.deepEqual([...made].sort(), made);
    const many = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(start)));
    assert.equal(many.size, 10_000);
  });
});
