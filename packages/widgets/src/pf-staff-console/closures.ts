import type { Closure, PortailClient, StaffFacility } from '@portail-famille/sdk';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { heading } from '../core/fragments.js';
import type { Translation } from '../core/i18n/index.js';
import { parisToday } from './attendance.js';
import { inputField } from './staff-fields.js';
import { StaffAction, StaffLoad } from './staff-load.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The contract's longest label. */
const LABEL_MAX = 200;
/** The value of the scope select meaning the whole commune. */
const ALL = '';

type Field = 'label' | 'start' | 'end';

export interface ClosuresHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Today on the commune's clock (closures that ended before are not listed). */
const today = (): string => parisToday();

/**
 * « Fermetures »: the coming closures of the commune or of one facility, a form to add one
 * (the server cancels the bookings of those days and mails the families) and a button to
 * remove each. Facilities are offered to admins; an agent closes the whole commune.
 */
export class ClosuresController {
  readonly #host: ClosuresHost;
  readonly #list: StaffLoad<{ items: Closure[]; facilities: StaffFacility[] }>;
  /** `create`, or the id of the closure being removed. */
  readonly #action: StaffAction;
  #label = '';
  #start = '';
  #end = '';
  #scope = ALL;
  #fieldErrors: Partial<Record<Field, string>> = {};
  readonly #focus: FocusAfterRenderController;

  constructor(host: ClosuresHost, callbacks: { onError: (error: unknown) => void }) {
    this.#host = host;
    this.#list = new StaffLoad(host, callbacks.onError);
    this.#action = new StaffAction(host, callbacks.onError);
    this.#focus = new FocusAfterRenderController(host);
  }

  get needsLoad(): boolean {
    return this.#list.needsLoad;
  }

  get #facilities(): StaffFacility[] {
    return this.#list.value?.facilities ?? [];
  }

  reset(): void {
    this.#list.reset();
    this.#action.reset();
    this.#label = '';
    this.#start = '';
    this.#end = '';
    this.#scope = ALL;
    this.#fieldErrors = {};
  }

  async load(): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const kept = await this.#list.load(async () => {
      const [items, facilities] = await Promise.all([
        client.listClosures({ from: today() }),
        // Facilities are the admins' catalogue: an agent closes the whole commune.
        client.listFacilities().catch(() => [] as StaffFacility[]),
      ]);
      return { items, facilities };
    });
    if (kept && !this.#facilities.some((f) => f.id === this.#scope)) this.#scope = ALL;
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation, level: number): TemplateResult {
    const s = t.staff;
    return html`<p>${s.closuresIntro}</p>
      ${this.#action.renderMessages(t, 'closures')}
      ${this.#list.render(t, ({ items }) => (items.length === 0 ? html`<p class="empty">${s.noClosures}</p>` : this.#table(t, items)))}
      ${heading(level, s.newClosure, 'new-closure-heading')} ${this.#form(t)}`;
  }

  #scopeName(t: Translation, facilityId: string | null): string {
    if (facilityId === null) return t.staff.closureScopeAll;
    return this.#facilities.find((f) => f.id === facilityId)?.name ?? t.staff.closureScopeOne;
  }

  #table(t: Translation, items: Closure[]): TemplateResult {
    const s = t.staff;
    return html`<div part="closures-box" class="closures-box" role="group" tabindex="0" aria-labelledby="closures-caption">
      <table part="closures-table" class="closures-table">
        <caption id="closures-caption">${s.closureListLabel}</caption>
        <thead>
          <tr>
            <th scope="col">${s.closureLabel}</th>
            <th scope="col">${s.closureDates}</th>
            <th scope="col">${s.closureScope}</th>
            <th scope="col"><span class="visually-hidden">${s.closureActions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            items,
            (c) => c.id,
            (c) => html`<tr>
              <th scope="row">${c.label}</th>
              <td>${s.closureRange(t.booking.longDate(c.start), t.booking.longDate(c.end), c.start === c.end)}</td>
              <td>${this.#scopeName(t, c.facilityId)}</td>
              <td>
                <button
                  class="button secondary"
                  type="button"
                  aria-label=${s.deleteClosureLabel(c.label)}
                  ?disabled=${this.#action.busy !== null}
                  @click=${() => void this.#remove(t, c)}
                >
                  ${this.#action.busy === c.id ? s.deletingClosure : s.deleteClosure}
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #form(t: Translation): TemplateResult {
    const s = t.staff;
    const errors = this.#fieldErrors;
    return html`<form part="form" class="closure-form" novalidate @submit=${(event: SubmitEvent) => void this.#create(event, t)}>
      ${inputField({
        id: 'closure-label',
        label: s.closureLabel,
        hint: s.closureLabelHint,
        error: errors.label,
        maxLength: LABEL_MAX,
        value: this.#label,
        onInput: (v) => (this.#label = v),
      })}
      <div class="grid">
        ${inputField({
          id: 'closure-start',
          label: s.closureStart,
          error: errors.start,
          type: 'date',
          value: this.#start,
          onInput: (v) => (this.#start = v),
        })}
        ${inputField({
          id: 'closure-end',
          label: s.closureEnd,
          hint: s.closureEndHint,
          error: errors.end,
          type: 'date',
          value: this.#end,
          onInput: (v) => (this.#end = v),
        })}
      </div>
      <div class="field">
        <label for="closure-scope" part="label">${s.closureScope}</label>
        <select id="closure-scope" part="input" @change=${(event: Event) => (this.#scope = (event.target as HTMLSelectElement).value)}>
          <option value=${ALL} ?selected=${this.#scope === ALL}>${s.closureScopeAll}</option>
          ${this.#facilities.map((f) => html`<option value=${f.id} ?selected=${this.#scope === f.id}>${f.name}</option>`)}
        </select>
      </div>
      <p class="notice warning" id="closure-warning">${s.closureWarning}</p>
      <div class="form-actions">
        <button class="button" part="submit" type="submit" aria-describedby="closure-warning" ?disabled=${this.#action.busy !== null}>
          ${this.#action.busy === 'create' ? s.creatingClosure : s.createClosure}
        </button>
      </div>
    </form>`;
  }

  /** Checks the form as the server would, so the mistake is shown next to its field. */
  #check(t: Translation): Partial<Record<Field, string>> {
    const s = t.staff;
    const errors: Partial<Record<Field, string>> = {};
    if (this.#label.trim() === '') errors.label = s.closureLabelRequired;
    if (!DATE.test(this.#start)) errors.start = s.closureDateRequired;
    if (this.#end !== '' && !DATE.test(this.#end)) errors.end = s.closureDateRequired;
    else if (!errors.start && this.#end !== '' && this.#end < this.#start) errors.end = s.closureEndBeforeStart;
    return errors;
  }

  async #create(event: SubmitEvent, t: Translation): Promise<void> {
    event.preventDefault();
    const client = this.#host.client;
    if (!client || this.#action.busy !== null) return;
    this.#action.clear();
    this.#fieldErrors = this.#check(t);
    const first = (['label', 'start', 'end'] as const).find((f) => this.#fieldErrors[f]);
    if (first) {
      this.#host.requestUpdate();
      this.#focus.focusLater(`closure-${first}`);
      return;
    }
    const label = this.#label.trim();
    const closure = { facilityId: this.#scope === ALL ? null : this.#scope, start: this.#start, end: this.#end || this.#start, label };
    const created = await this.#action.run(
      'create',
      () => client.createClosure(closure),
      (c) => t.staff.closureCreated(label, c.cancelledBookings),
    );
    if (!created) return;
    this.#label = '';
    this.#start = '';
    this.#end = '';
    await this.load();
    // The status says what happened; the keyboard stays in the form, ready for the next one.
    this.#focus.focusLater('closure-label');
  }

  async #remove(t: Translation, closure: Closure): Promise<void> {
    const client = this.#host.client;
    if (!client || this.#action.busy !== null) return;
    const removed = await this.#action.run(
      closure.id,
      () => client.deleteClosure(closure.id).then(() => true),
      () => t.staff.closureDeleted(closure.label),
    );
    if (removed) {
      await this.load();
      // The row and its button are gone: keep the keyboard on the section.
      this.#focus.focusLater('section-heading');
    } else if (this.#action.error !== null) {
      // Someone else removed it meanwhile: show the list as it is.
      void this.load();
    }
  }
}
