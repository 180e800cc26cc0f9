// Globals of the test page: mocha (loaded by @web/test-runner) and axe-core (a script tag).
import type * as Axe from 'axe-core';

declare global {
  function describe(name: string, body: () => void): void;
  function it(name: string, body: () => void | Promise<void>): void;
  function beforeEach(body: () => void | Promise<void>): void;
  function afterEach(body: () => void | Promise<void>): void;
  function before(body: () => void | Promise<void>): void;
  function after(body: () => void | Promise<void>): void;
  // eslint-disable-next-line no-var
  var axe: typeof Axe;
}
