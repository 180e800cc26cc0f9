import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { loadingTemplate, retryNotice } from '../core/fragments.js';
import type { Translation } from '../core/i18n/index.js';
import { staffProblemMessage } from './staff-problems.js';

/**
 * One thing a console tab reads from the server: its value, « Chargement… », the error with
 * « Réessayer », and a generation counter so that an answer arriving after a newer request
 * (or after `reset()`) is dropped. The tab says what to fetch; this holds the rest.
 */
export class StaffLoad<T> {
  readonly #host: ReactiveControllerHost;
  readonly #onError: (error: unknown) => void;
  #fetch: (() => Promise<T>) | null = null;
  #value: T | undefined = undefined;
  #loading = false;
  #error: unknown = null;
  #generation = 0;

  constructor(host: ReactiveControllerHost, onError: (error: unknown) => void) {
    this.#host = host;
    this.#onError = onError;
  }

  get value(): T | undefined {
    return this.#value;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** True when nothing was asked yet (nor is being asked, nor failed). */
  get needsLoad(): boolean {
    return this.#value === undefined && !this.#loading && this.#error === null;
  }

  /** Forgets the value and drops any answer still on its way. */
  reset(): void {
    this.#fetch = null;
    this.#value = undefined;
    this.#loading = false;
    this.#error = null;
    this.#generation += 1;
  }

  /** Replaces the value without asking the server (e.g. the answer of a write). */
  set(value: T): void {
    this.#value = value;
    this.#error = null;
  }

  /**
   * Asks `fetch` (or the last one again); the shown value stays until the new one comes.
   * Answers true when this answer was kept.
   */
  async load(fetch?: () => Promise<T>): Promise<boolean> {
    if (fetch) this.#fetch = fetch;
    const run = this.#fetch;
    if (!run) return false;
    const generation = ++this.#generation;
    this.#loading = true;
    this.#error = null;
    this.#host.requestUpdate();
    try {
      const value = await run();
      if (generation !== this.#generation) return false;
      this.#value = value;
      return true;
    } catch (error) {
      if (generation !== this.#generation) return false;
      this.#error = error;
      this.#onError(error);
      return false;
    } finally {
      if (generation === this.#generation) {
        this.#loading = false;
        this.#host.requestUpdate();
      }
    }
  }

  /**
   * The value through `ready`; before it, « Chargement… »; on failure, the error and
   * « Réessayer » (above the value last shown, if any).
   */
  render(t: Translation, ready: (value: T) => TemplateResult | typeof nothing): TemplateResult {
    const error = this.#error !== null ? retryNotice(staffProblemMessage(this.#error, t), t, () => void this.load(), 'error') : nothing;
    const value = this.#value;
    if (value === undefined) return html`${error}${this.#loading && this.#error === null ? loadingTemplate(t) : nothing}`;
    return html`${error}${ready(value)}`;
  }
}

/** A page of a list the server answers by cursor. */
export interface CursorPage<I> {
  items: I[];
  nextCursor: string | null;
}

/**
 * A list read page by page: the first page for the current filters, then « Voir plus »
 * appending the next one (an item already shown is not shown twice).
 */
export class StaffPages<I extends { id: string }> extends StaffLoad<CursorPage<I>> {
  /**
   * Asks the first page, or (`more`) the page after the one shown, appended. Answers the
   * first item added by `more`, where the reader continues.
   */
  async loadPage(fetch: (cursor: string | undefined) => Promise<CursorPage<I>>, more = false): Promise<I | undefined> {
    const before = more ? this.value : undefined;
    const kept = await this.load(async () => {
      const page = await fetch(before?.nextCursor ?? undefined);
      if (!before) return page;
      const known = new Set(before.items.map((i) => i.id));
      return { items: [...before.items, ...page.items.filter((i) => !known.has(i.id))], nextCursor: page.nextCursor };
    });
    return kept && before ? this.value?.items[before.items.length] : undefined;
  }

  /** « Voir plus … » while there is a next page (« Chargement… » on it while it comes). */
  renderMore(t: Translation, label: string, more: () => void): TemplateResult | typeof nothing {
    if (!this.value?.nextCursor) return nothing;
    return html`<button class="button secondary more" type="button" ?disabled=${this.loading} @click=${more}>
      ${this.loading ? t.staff.loadingMore : label}
    </button>`;
  }
}

/**
 * The one write a tab runs at a time: which one is busy (its button says so), the polite
 * confirmation and the alert that follow it, and a generation so that a reset drops them.
 */
export class StaffAction {
  readonly #host: ReactiveControllerHost;
  readonly #onError: (error: unknown) => void;
  #busy: string | null = null;
  #notice = '';
  #error: unknown = null;
  #generation = 0;

  constructor(host: ReactiveControllerHost, onError: (error: unknown) => void) {
    this.#host = host;
    this.#onError = onError;
  }

  get busy(): string | null {
    return this.#busy;
  }

  get error(): unknown {
    return this.#error;
  }

  reset(): void {
    this.#busy = null;
    this.#notice = '';
    this.#error = null;
    this.#generation += 1;
  }

  get notice(): string {
    return this.#notice;
  }

  /** Says something done elsewhere (e.g. by a form that just closed) in this action's status region. */
  announce(notice: string): void {
    this.#error = null;
    this.#notice = notice;
    this.#host.requestUpdate();
  }

  /** Clears the last confirmation and error (e.g. when the reader starts something else). */
  clear(): void {
    this.#notice = '';
    this.#error = null;
  }

  /**
   * Runs `work` as `key` unless another write is running; `done` turns its answer into the
   * confirmation. Answers the work's result, or undefined when it failed or was dropped.
   */
  async run<R>(key: string, work: () => Promise<R>, done: (result: R) => string | Promise<string>): Promise<R | undefined> {
    if (this.#busy !== null) return undefined;
    const generation = this.#generation;
    this.#busy = key;
    this.clear();
    this.#host.requestUpdate();
    try {
      const result = await work();
      if (generation !== this.#generation) return undefined;
      this.#notice = await done(result);
      return result;
    } catch (error) {
      if (generation !== this.#generation) return undefined;
      this.#error = error;
      this.#onError(error);
      return undefined;
    } finally {
      if (generation === this.#generation) {
        this.#busy = null;
        this.#host.requestUpdate();
      }
    }
  }

  /** The confirmation (polite) and the error (alert) regions, always in the page so that changes are read. */
  renderMessages(t: Translation, id: string): TemplateResult {
    return html`<p id="${id}-status" role="status" part="status" class="notice success">${this.#notice}</p>
      <div id="${id}-alert" role="alert" part="error" class="notice danger">${
        this.#error !== null ? html`<p>${staffProblemMessage(this.#error, t)}</p>` : nothing
      }</div>`;
  }
}
