import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../core/define.js';
import { heading, loadingTemplate, retryNotice } from '../core/fragments.js';
import { PfFamilyElement } from '../core/pf-family-element.js';
import { problemMessage } from '../core/problem-messages.js';
import type { BookingRequest } from '../core/types.js';
import '../pf-login/pf-login.js';
import { outcomeIcon } from '../pf-booking-planner/booking-icons.js';
import { styles } from './pf-reservation-list.styles.js';

const PAGE_SIZE = 10;

/**
 * @tag pf-reservation-list
 * @summary « Mes réservations »: the family's booking requests, newest first — number, child,
 * period, referent, date and state (an icon and its text) — each opening on its days and their
 * outcome; « Voir plus » loads the older ones; a legend explains the states.
 *
 * @event pf-login - Bubbles from the inner `<pf-login>` when the visitor signs in.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The « Mes réservations » heading.
 * @csspart list - The list of requests.
 * @csspart request - One request.
 * @csspart status - A request's state (icon and text).
 * @csspart more - The « Voir plus » button.
 * @csspart legend - The legend of the states.
 * @csspart login - The inner `<pf-login>` shown when signed out.
 *
 * @cssproperty --pf-color-primary - Links and buttons. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-border - Borders of the requests.
 * @cssproperty --pf-color-success - Accepted.
 * @cssproperty --pf-color-warning - Pending, partly accepted, waiting list.
 * @cssproperty --pf-color-danger - Refused and errors.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 */
export class PfReservationList extends PfFamilyElement {
  static override styles = styles;

  /** Level of the « Mes réservations » heading (2 by default). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Leaves out the heading (the enclosing page already shows « Mes réservations »). */
  @property({ type: Boolean, attribute: 'hide-heading' }) hideHeading = false;

  /** Requests of the pages loaded after the first (« Voir plus »). */
  #more: BookingRequest[] = [];
  #cursor: string | null = null;
  #loadingMore = false;
  #moreError: string | null = null;

  readonly #first = this.accountTask(async (client) => {
    const page = await client.listBookingRequests({ limit: PAGE_SIZE });
    this.#more = [];
    this.#cursor = page.nextCursor;
    return page;
  });

  /** Loads the list again from its first page (e.g. after a new request). */
  reload(): void {
    void this.#first.run();
  }

  protected renderFor(): TemplateResult {
    const t = this.t;
    return html`${this.hideHeading ? nothing : heading(this.headingLevel, t.booking.myReservations)}
    ${this.#first.render({
      initial: () => loadingTemplate(t),
      pending: () => loadingTemplate(t),
      error: (error) => retryNotice(problemMessage(error, t), t, () => void this.#first.run()),
      complete: (page) => (page ? this.#listTemplate([...page.items, ...this.#more]) : html``),
    })}`;
  }

  #listTemplate(requests: BookingRequest[]): TemplateResult {
    const t = this.t.booking;
    if (requests.length === 0) return html`<p>${t.noRequest}</p>${this.#legendTemplate()}`;
    return html`<ul part="list" class="requests" aria-label=${t.requestsLabel}>
        ${requests.map((r) => this.#requestTemplate(r))}
      </ul>
      ${this.#moreError ? html`<p class="notice danger" role="alert">${this.#moreError}</p>` : nothing}
      ${
        this.#cursor
          ? html`<button part="more" type="button" class="button secondary" ?disabled=${this.#loadingMore} @click=${this.#loadMore}>
            ${this.#loadingMore ? this.t.loading : t.moreRequests}
          </button>`
          : nothing
      }
      ${this.#legendTemplate()}`;
  }

  #requestTemplate(r: BookingRequest): TemplateResult {
    const t = this.t.booking;
    const created = new Date(r.createdAt);
    return html`<li part="request" class="request" data-number=${r.number}>
      <p class="title"><strong>${t.requestTitle(r.number)}</strong> — ${r.childName} — ${r.periodName}</p>
      <dl>
        <dt>${t.referent}</dt>
        <dd>${r.referent.displayName}</dd>
        <dt>${t.submittedOn}</dt>
        <dd><time datetime=${r.createdAt}>${t.dateTime(created)}</time></dd>
        <dt>${t.status}</dt>
        <dd part="status" class="status-${r.status}">
          <span class="icon" aria-hidden="true">${outcomeIcon[r.status]}</span> ${t.requestStatus[r.status]}
        </dd>
      </dl>
      <details>
        <summary>${t.showLines} (${r.lines.length})</summary>
        <ul class="lines">
          ${r.lines.map(
            (l) => html`<li class="outcome-${l.outcome}">
              <span class="icon" aria-hidden="true">${outcomeIcon[l.outcome]}</span>
              ${t.longDate(l.date)} — ${l.activityName} — ${l.action === 'add' ? t.adding : t.cancelling}&nbsp;:
              ${t.outcome[l.outcome]}${l.reason ? ` (${t.reason[l.reason]})` : ''}
            </li>`,
          )}
        </ul>
      </details>
    </li>`;
  }

  #legendTemplate(): TemplateResult {
    const t = this.t.booking;
    const states = Object.keys(t.requestStatus) as BookingRequest['status'][];
    return html`<div part="legend" class="legend">
      <p class="legend-title">${t.legend}</p>
      <ul>
        ${states.map((s) => html`<li class="status-${s}"><span class="icon" aria-hidden="true">${outcomeIcon[s]}</span> ${t.requestStatus[s]}</li>`)}
      </ul>
    </div>`;
  }

  readonly #loadMore = async (): Promise<void> => {
    const client = this.client;
    if (!client || !this.#cursor || this.#loadingMore) return;
    this.#loadingMore = true;
    this.#moreError = null;
    this.requestUpdate();
    try {
      const page = await client.listBookingRequests({ limit: PAGE_SIZE, cursor: this.#cursor });
      this.#more = [...this.#more, ...page.items];
      this.#cursor = page.nextCursor;
    } catch (error) {
      this.emitError(error);
      this.#moreError = problemMessage(error, this.t);
    } finally {
      this.#loadingMore = false;
      this.requestUpdate();
    }
  };
}

defineElement('pf-reservation-list', PfReservationList);

declare global {
  interface HTMLElementTagNameMap {
    'pf-reservation-list': PfReservationList;
  }
}
