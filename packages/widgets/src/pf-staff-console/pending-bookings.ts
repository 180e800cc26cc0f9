import type { PortailClient } from '@portail-famille/sdk';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import type { DecisionCounts, Translation } from '../core/i18n/index.js';
import type { BookingDecision, BookingDecisionResult, PendingBooking } from '../core/types.js';
import { StaffAction, StaffLoad } from './staff-load.js';

/** The contract's largest page: the oldest days first, the rest after a decision. */
const PENDING_LIMIT = 500;
/** The contract's longest refusal comment. */
const COMMENT_MAX = 300;

type Decision = BookingDecision['decision'];

export interface PendingBookingsHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Oldest day first; the same day in the order of the requests. */
function oldestFirst(items: readonly PendingBooking[]): PendingBooking[] {
  return [...items].sort((a, b) => a.date.localeCompare(b.date) || (a.requestNumber ?? 0) - (b.requestNumber ?? 0));
}

/** How many days ended in each state; a refusal of an accepted day means the activity was full. */
export function countDecisions(results: readonly BookingDecisionResult[], decision: Decision): DecisionCounts {
  const counts: DecisionCounts = { booked: 0, waitingList: 0, refused: 0, full: 0, notPending: 0 };
  for (const r of results) {
    if (r.state === 'booked') counts.booked += 1;
    else if (r.state === 'waiting_list') counts.waitingList += 1;
    else if (r.state === 'not_pending') counts.notPending += 1;
    else if (decision === 'accept') counts.full += 1;
    else counts.refused += 1;
  }
  return counts;
}

/**
 * « Demandes à traiter »: the pending days, the selection, the refusal comment and the
 * decisions sent in bulk. The list reloads after each decision.
 */
export class PendingBookingsController {
  readonly #host: PendingBookingsHost;
  readonly #list: StaffLoad<PendingBooking[]>;
  /** The decision being sent (`accept` or `refuse`), and the summary of the last one. */
  readonly #decision: StaffAction;
  #selected = new Set<string>();
  #comment = '';
  readonly #focus: FocusAfterRenderController;

  constructor(host: PendingBookingsHost, callbacks: { onError: (error: unknown) => void }) {
    this.#host = host;
    this.#list = new StaffLoad(host, callbacks.onError);
    this.#decision = new StaffAction(host, callbacks.onError);
    this.#focus = new FocusAfterRenderController(host);
  }

  /** True when the list was never loaded (nor is loading, nor failed). */
  get needsLoad(): boolean {
    return this.#list.needsLoad;
  }

  /** Forgets everything (another person signed in, or the section is opened again). */
  reset(): void {
    this.#list.reset();
    this.#decision.reset();
    this.#selected = new Set();
    this.#comment = '';
  }

  /** Loads (or reloads, keeping the shown list until the new one comes) the pending days. */
  async load(): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    if (!(await this.#list.load(async () => oldestFirst(await client.listPendingBookings({ limit: PENDING_LIMIT }))))) return;
    // A day handled meanwhile (by someone else) leaves the selection.
    const items = this.#list.value ?? [];
    this.#selected = new Set(items.filter((p) => this.#selected.has(p.bookingId)).map((p) => p.bookingId));
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation): TemplateResult {
    const s = t.staff;
    return html`<p>${s.pendingIntro}</p>
      ${this.#decision.renderMessages(t, 'pending')}
      ${this.#list.render(t, (items) => (items.length === 0 ? html`<p class="empty">${s.noPending}</p>` : this.#table(t, items)))}`;
  }

  #table(t: Translation, items: PendingBooking[]): TemplateResult {
    const s = t.staff;
    const count = items.filter((p) => this.#selected.has(p.bookingId)).length;
    const all = count === items.length;
    const none = count === 0;
    const busy = this.#decision.busy;
    return html`<p class="list-status">${s.pendingCount(items.length)}</p>
      <div class="check select-all">
        <input
          id="pending-all"
          type="checkbox"
          .checked=${live(all)}
          .indeterminate=${!all && !none}
          @change=${(event: Event) => this.#selectAll((event.target as HTMLInputElement).checked, items)}
        />
        <label for="pending-all">${s.selectAll}</label>
      </div>
      <div part="pending-box" class="pending-box" role="group" tabindex="0" aria-labelledby="pending-caption">
        <table part="pending-table" class="pending-table">
          <caption id="pending-caption">${s.pendingBookings}</caption>
          <thead>
            <tr>
              <th scope="col"><span class="visually-hidden">${s.selection}</span></th>
              <th scope="col">${s.pendingDate}</th>
              <th scope="col">${s.pendingChild}</th>
              <th scope="col">${s.pendingFamily}</th>
              <th scope="col">${s.pendingActivity}</th>
              <th scope="col">${s.pendingRequest}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              items,
              (p) => p.bookingId,
              (p) => {
                const id = `pending-${p.bookingId}`;
                const date = t.booking.longDate(p.date);
                return html`<tr class=${this.#selected.has(p.bookingId) ? 'selected' : ''}>
                  <td class="select-cell">
                    <input
                      id=${id}
                      type="checkbox"
                      .checked=${live(this.#selected.has(p.bookingId))}
                      @change=${(event: Event) => this.#toggle(p.bookingId, (event.target as HTMLInputElement).checked)}
                    /><label class="visually-hidden" for=${id}>${s.selectPending(p.childName, date, p.activityName)}</label>
                  </td>
                  <th scope="row">${date}</th>
                  <td>${p.childName}</td>
                  <td>${p.familyNumber}</td>
                  <td>${p.activityName}</td>
                  <td>${p.requestNumber ?? '—'}</td>
                </tr>`;
              },
            )}
          </tbody>
        </table>
      </div>
      <form part="form" class="decide-form" novalidate @submit=${(event: SubmitEvent) => event.preventDefault()}>
        <div class="field">
          <label for="refusal-comment" part="label">${s.refusalComment}</label>
          <p id="refusal-comment-hint" part="hint" class="hint">${s.refusalCommentHint(COMMENT_MAX)}</p>
          <textarea
            id="refusal-comment"
            part="input"
            rows="2"
            maxlength=${COMMENT_MAX}
            aria-describedby="refusal-comment-hint"
            .value=${live(this.#comment)}
            @input=${(event: Event) => {
              this.#comment = (event.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
        </div>
        <div class="form-actions">
          <button class="button" part="submit" type="button" ?disabled=${none || busy !== null} @click=${() => void this.#decide(t, 'accept')}>
            ${busy === 'accept' ? s.deciding : s.acceptSelection}
          </button>
          <button class="button secondary" type="button" ?disabled=${none || busy !== null} @click=${() => void this.#decide(t, 'refuse')}>
            ${busy === 'refuse' ? s.deciding : s.refuseSelection}
          </button>
        </div>
      </form>`;
  }

  #toggle(bookingId: string, checked: boolean): void {
    const selected = new Set(this.#selected);
    if (checked) selected.add(bookingId);
    else selected.delete(bookingId);
    this.#selected = selected;
    this.#host.requestUpdate();
  }

  #selectAll(checked: boolean, items: PendingBooking[]): void {
    this.#selected = checked ? new Set(items.map((p) => p.bookingId)) : new Set();
    this.#host.requestUpdate();
  }

  /** Sends the selected days' decision, says what became of them, reloads the list. */
  async #decide(t: Translation, decision: Decision): Promise<void> {
    const client = this.#host.client;
    const items = this.#list.value;
    if (!client || !items || this.#decision.busy !== null) return;
    const comment = decision === 'refuse' ? this.#comment.trim() : '';
    const decisions: BookingDecision[] = items
      .filter((p) => this.#selected.has(p.bookingId))
      .map((p) => ({ bookingId: p.bookingId, decision, ...(comment ? { comment } : {}) }));
    if (decisions.length === 0) return;
    const results = await this.#decision.run(
      decision,
      () => client.decideBookings(decisions),
      (r) => t.staff.decisionSummary(countDecisions(r, decision)),
    );
    if (!results) return;
    this.#selected = new Set();
    if (decision === 'refuse') this.#comment = '';
    await this.load();
    // The buttons are disabled now: keep the keyboard in the list (or on the section).
    this.#focus.focusLater(this.#list.value?.length ? 'pending-all' : 'section-heading');
  }
}
