import type { FamilySummary, PortailClient } from '@portail-famille/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Translation } from '../core/i18n/index.js';
import { StaffLoad } from './staff-load.js';

export interface FamilyPickerHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
}

/** How many families a search shows (the reader narrows the search rather than scrolls). */
const MATCHES = 20;

/** « F-0001 — Claire Moreau, Paul Moreau ». */
export function familyLabel(f: FamilySummary, t: Translation): string {
  const names = f.guardians.map((g) => `${g.firstName} ${g.lastName}`).join(', ');
  return `${f.number} — ${names || t.staff.noGuardian}`;
}

/**
 * Find a family by its number or a name, then choose it in a list: for the filters and forms
 * of the billing tabs. Enter in the search field searches (it never submits the enclosing
 * form); a search with one answer chooses it.
 */
export class FamilyPicker {
  readonly #host: FamilyPickerHost;
  readonly #id: string;
  readonly #onChange: (family: FamilySummary | null) => void;
  readonly #found: StaffLoad<FamilySummary[]>;
  #query = '';
  #selected: FamilySummary | null = null;

  constructor(
    host: FamilyPickerHost,
    id: string,
    callbacks: { onError: (error: unknown) => void; onChange: (family: FamilySummary | null) => void },
  ) {
    this.#host = host;
    this.#id = id;
    this.#onChange = callbacks.onChange;
    this.#found = new StaffLoad(host, callbacks.onError);
  }

  get selected(): FamilySummary | null {
    return this.#selected;
  }

  /** The id of the choice list, to focus it (e.g. when the form says a family is needed). */
  get controlId(): string {
    return this.#found.value ? `${this.#id}-choice` : `${this.#id}-q`;
  }

  reset(): void {
    this.#found.reset();
    this.#query = '';
    this.#selected = null;
  }

  async #search(): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const q = this.#query.trim();
    const kept = await this.#found.load(async () => (await client.listFamilies({ ...(q ? { q } : {}), limit: MATCHES })).items);
    const found = this.#found.value ?? [];
    if (!kept) return;
    const still = found.find((f) => f.id === this.#selected?.id) ?? null;
    this.#choose(found.length === 1 ? (found[0] ?? null) : still);
  }

  #choose(family: FamilySummary | null): void {
    const changed = family?.id !== this.#selected?.id;
    this.#selected = family;
    this.#host.requestUpdate();
    if (changed) this.#onChange(family);
  }

  /**
   * `anyLabel`: the first choice of the list (« Toutes les familles » for a filter,
   * « Choisissez une famille » for a form); `error`: a message tied to the list.
   */
  render(t: Translation, o: { label: string; anyLabel: string; error?: string | undefined }): TemplateResult {
    const b = t.staffBilling;
    const id = this.#id;
    const found = this.#found.value;
    const error = o.error ?? '';
    return html`<div class="field family-picker">
        <label for="${id}-q" part="label">${o.label}</label>
        <p id="${id}-q-hint" part="hint" class="hint">${b.familySearchHint}</p>
        <div class="search-row">
          <input
            id="${id}-q"
            part="input"
            type="search"
            autocomplete="off"
            maxlength="100"
            aria-describedby="${id}-q-hint${error && !found ? ` ${id}-error` : ''}"
            aria-invalid=${error && !found ? 'true' : 'false'}
            .value=${live(this.#query)}
            @input=${(event: Event) => (this.#query = (event.target as HTMLInputElement).value)}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              void this.#search();
            }}
          />
          <button class="button secondary" type="button" ?disabled=${this.#found.loading} @click=${() => void this.#search()}>
            ${b.familySearch}
          </button>
        </div>
      </div>
      ${this.#found.render(
        t,
        (families) => html`<div class="field">
          <label for="${id}-choice" part="label">${b.familyFound(families.length)}</label>
          <select
            id="${id}-choice"
            part="input"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? `${id}-error` : nothing}
            @change=${(event: Event) => {
              const value = (event.target as HTMLSelectElement).value;
              this.#choose(families.find((f) => f.id === value) ?? null);
            }}
          >
            <option value="" ?selected=${this.#selected === null}>${o.anyLabel}</option>
            ${families.map((f) => html`<option value=${f.id} ?selected=${this.#selected?.id === f.id}>${familyLabel(f, t)}</option>`)}
          </select>
        </div>`,
      )}
      ${error ? html`<p id="${id}-error" part="field-error" class="field-error">${error}</p>` : nothing}`;
  }
}
