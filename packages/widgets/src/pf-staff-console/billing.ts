import type { BillingRun, CreditNoteResult, InvoiceState, PortailClient } from '@portail-famille/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { heading } from '../core/fragments.js';
import { formatCivilDate, type Translation } from '../core/i18n/index.js';
import { saveFile } from '../core/save-file.js';
import type { Invoice, InvoiceSummary } from '../core/types.js';
import { parisToday } from './attendance.js';
import { parseEuros } from './euros.js';
import { FamilyPicker } from './family-picker.js';
import { inputField, textareaField } from './staff-fields.js';
import { StaffAction, StaffLoad, StaffPages } from './staff-load.js';

const PAGE_SIZE = 20;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The contract's longest credit-note reason. */
const REASON_MAX = 300;
const STATES: InvoiceState[] = ['to_pay', 'partly_paid', 'paid', 'cancelled'];

type CreditField = 'amount' | 'reason';

export interface BillingHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The month before today's (in Europe/Paris): the one a commune usually bills. */
export function previousMonth(today = parisToday()): string {
  const [y = 0, m = 1] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * « Facturation »: bill a month (after a confirmation, the result said: invoices issued,
 * total), the commune's invoices filtered by month, state and family, page by page; one
 * invoice's detail with its PDF, and a credit note (avoir) — partial, or cancelling the
 * invoice, optionally with a corrected one.
 */
export class BillingController {
  readonly #host: BillingHost;
  readonly #focus: FocusAfterRenderController;
  // billing a month
  #month = previousMonth();
  #monthError = '';
  #confirming = false;
  #lastRun: BillingRun | null = null;
  readonly #run: StaffAction;
  // the list
  readonly #invoices: StaffPages<InvoiceSummary>;
  readonly #family: FamilyPicker;
  #filterMonth = '';
  #filterState: InvoiceState | '' = '';
  // one invoice
  #invoiceId: string | null = null;
  readonly #invoice: StaffLoad<Invoice>;
  readonly #write: StaffAction;
  #creditKind: 'partial' | 'cancel' = 'partial';
  #creditAmount = '';
  #creditReason = '';
  #reissue = false;
  #creditErrors: Partial<Record<CreditField, string>> = {};

  constructor(host: BillingHost, callbacks: { onError: (error: unknown) => void }) {
    const onError = callbacks.onError;
    this.#host = host;
    this.#focus = new FocusAfterRenderController(host);
    this.#run = new StaffAction(host, onError);
    this.#invoices = new StaffPages(host, onError);
    this.#invoice = new StaffLoad(host, onError);
    this.#write = new StaffAction(host, onError);
    this.#family = new FamilyPicker(host, 'invoice-family', { onError, onChange: () => {} });
  }

  get needsLoad(): boolean {
    return this.#invoices.needsLoad;
  }

  reset(): void {
    this.#month = previousMonth();
    this.#monthError = '';
    this.#confirming = false;
    this.#lastRun = null;
    this.#run.reset();
    this.#invoices.reset();
    this.#family.reset();
    this.#filterMonth = '';
    this.#filterState = '';
    this.#closeInvoice();
  }

  #closeInvoice(): void {
    this.#invoiceId = null;
    this.#invoice.reset();
    this.#write.reset();
    this.#resetCreditForm();
  }

  #resetCreditForm(): void {
    this.#creditKind = 'partial';
    this.#creditAmount = '';
    this.#creditReason = '';
    this.#reissue = false;
    this.#creditErrors = {};
  }

  /** The first page of invoices for the current filters, or the next one appended (answers the first added). */
  load(more = false): Promise<InvoiceSummary | undefined> {
    const client = this.#host.client;
    if (!client) return Promise.resolve(undefined);
    const query = {
      ...(this.#filterMonth ? { month: this.#filterMonth } : {}),
      ...(this.#filterState ? { state: this.#filterState } : {}),
      ...(this.#family.selected ? { familyId: this.#family.selected.id } : {}),
      limit: PAGE_SIZE,
    };
    return this.#invoices.loadPage((cursor) => client.listInvoices({ ...query, ...(cursor ? { cursor } : {}) }), more);
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation, level: number): TemplateResult {
    if (this.#invoiceId !== null) return this.#detail(t, level);
    const b = t.staffBilling;
    return html`<div class="billing-tab">
      <p>${b.billingIntro}</p>
      ${heading(level, b.runHeading, 'run-heading')} ${this.#runForm(t)} ${heading(level, b.invoicesHeading, 'invoices-heading')}
      ${this.#filters(t)} ${this.#list(t)}
    </div>`;
  }

  #runForm(t: Translation): TemplateResult {
    const b = t.staffBilling;
    const busy = this.#run.busy !== null;
    const monthName = MONTH.test(this.#month) ? t.invoice.month(this.#month) : '';
    return html`<form part="form" class="run-form" novalidate @submit=${(event: SubmitEvent) => this.#askConfirmation(event, t)}>
        ${inputField({
          id: 'billing-month',
          label: b.runMonth,
          hint: b.runMonthHint,
          error: this.#monthError || undefined,
          type: 'month',
          required: true,
          value: this.#month,
          onInput: (v) => {
            this.#month = v;
            this.#confirming = false;
            this.#host.requestUpdate();
          },
        })}
        ${
          this.#confirming
            ? html`<div class="notice warning confirm" role="group" aria-labelledby="run-confirm-text">
              <p id="run-confirm-text">${b.runConfirm(monthName)}</p>
              <div class="form-actions">
                <button id="run-confirm" class="button" part="submit" type="button" ?disabled=${busy} @click=${() => void this.#runBilling(t)}>
                  ${busy ? b.running : b.runConfirmButton(monthName)}
                </button>
                <button class="button secondary" type="button" ?disabled=${busy} @click=${this.#cancelConfirmation}>${b.cancel}</button>
              </div>
            </div>`
            : html`<div class="form-actions">
              <button id="run-billing" class="button" part="submit" type="submit">${b.runButton}</button>
            </div>`
        }
      </form>
      ${this.#run.renderMessages(t, 'run')} ${this.#lastRun && this.#lastRun.invoiceNumbers.length > 0 ? this.#runNumbers(t, this.#lastRun) : nothing}`;
  }

  #runNumbers(t: Translation, run: BillingRun): TemplateResult {
    const b = t.staffBilling;
    return html`<p class="hint run-numbers">
      ${b.runNumbers(run.invoiceNumbers.join(', '), run.invoiceCount > run.invoiceNumbers.length)}
    </p>`;
  }

  #askConfirmation(event: SubmitEvent, t: Translation): void {
    event.preventDefault();
    this.#run.clear();
    this.#lastRun = null;
    if (!MONTH.test(this.#month)) {
      this.#monthError = t.staffBilling.runMonthInvalid;
      this.#host.requestUpdate();
      this.#focus.focusLater('billing-month');
      return;
    }
    this.#monthError = '';
    this.#confirming = true;
    this.#host.requestUpdate();
    this.#focus.focusLater('run-confirm');
  }

  readonly #cancelConfirmation = (): void => {
    this.#confirming = false;
    this.#host.requestUpdate();
    this.#focus.focusLater('run-billing');
  };

  async #runBilling(t: Translation): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const month = this.#month;
    const run = await this.#run.run(
      'run',
      () => client.runBilling(month),
      (r) => t.staffBilling.runDone(t.invoice.month(r.month), r.invoiceCount, t.invoice.euros(r.totalCents)),
    );
    this.#confirming = false;
    this.#host.requestUpdate();
    this.#focus.focusLater('run-billing');
    if (!run) return;
    this.#lastRun = run;
    // The new invoices head the list.
    void this.load();
  }

  #filters(t: Translation): TemplateResult {
    const b = t.staffBilling;
    return html`<form part="form" class="filters" novalidate @submit=${this.#onFilter} aria-label=${b.filtersLabel}>
      <div class="grid">
        ${inputField({
          id: 'invoice-month',
          label: b.filterMonth,
          type: 'month',
          value: this.#filterMonth,
          onInput: (v) => (this.#filterMonth = v),
        })}
        <div class="field">
          <label for="invoice-state" part="label">${b.filterState}</label>
          <select
            id="invoice-state"
            part="input"
            @change=${(event: Event) => (this.#filterState = (event.target as HTMLSelectElement).value as InvoiceState | '')}
          >
            <option value="" ?selected=${this.#filterState === ''}>${b.allStates}</option>
            ${STATES.map((s) => html`<option value=${s} ?selected=${this.#filterState === s}>${t.invoice.state[s]}</option>`)}
          </select>
        </div>
      </div>
      ${this.#family.render(t, { label: b.filterFamily, anyLabel: b.allFamilies })}
      <div class="form-actions">
        <button class="button" part="submit" type="submit">${b.filter}</button>
      </div>
    </form>`;
  }

  readonly #onFilter = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.load();
  };

  #list(t: Translation): TemplateResult {
    const b = t.staffBilling;
    const page = this.#invoices.value;
    const status = page ? (page.items.length === 0 ? b.noInvoice : b.invoiceCount(page.items.length, page.nextCursor !== null)) : '';
    return html`<p id="invoices-count" role="status" class="list-status">${this.#invoices.loading ? t.loading : status}</p>
      ${this.#invoices.render(t, (p) => (p.items.length > 0 ? this.#table(t, p.items) : nothing))}
      ${this.#invoices.renderMore(t, b.moreInvoices, () => void this.#more())}`;
  }

  async #more(): Promise<void> {
    // « Voir plus »: the reader continues from the first invoice just added.
    const first = await this.load(true);
    if (first) this.#focus.focusLater(`invoice-${first.id}`);
  }

  #table(t: Translation, items: InvoiceSummary[]): TemplateResult {
    const b = t.staffBilling;
    const i18n = t.invoice;
    return html`<div part="invoices-box" class="data-box" role="group" tabindex="0" aria-labelledby="invoices-caption">
      <table part="invoices-table" class="data-table">
        <caption id="invoices-caption">${b.invoicesCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${b.invoiceNumber}</th>
            <th scope="col">${b.family}</th>
            <th scope="col">${b.month}</th>
            <th scope="col" class="num">${i18n.total}</th>
            <th scope="col" class="num">${i18n.amountDue}</th>
            <th scope="col">${i18n.status}</th>
            <th scope="col"><span class="visually-hidden">${b.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            items,
            (i) => i.id,
            (i) => html`<tr>
              <th scope="row">${i.number}</th>
              <td>${i.familyNumber}</td>
              <td>${i18n.month(i.month)}</td>
              <td class="num">${i18n.euros(i.totalCents)}</td>
              <td class="num">${i18n.euros(i.dueCents)}</td>
              <td><span class="state ${i.state}">${i18n.state[i.state]}</span></td>
              <td>
                <button id="invoice-${i.id}" class="button secondary" type="button" aria-label=${i18n.detailsOf(i.number)} @click=${() => this.#open(i.id)}>
                  ${i18n.details}
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  // --- one invoice -------------------------------------------------------------------

  #open(invoiceId: string): void {
    const client = this.#host.client;
    if (!client) return;
    this.#closeInvoice();
    this.#invoiceId = invoiceId;
    this.#host.requestUpdate();
    void this.#invoice
      .load(() => client.getInvoice(invoiceId))
      .then((ok) => {
        if (ok) this.#focus.focusLater('invoice-heading');
      });
  }

  readonly #back = (): void => {
    const id = this.#invoiceId;
    this.#closeInvoice();
    this.#host.requestUpdate();
    this.#focus.focusLater(id && this.#invoices.value?.items.some((i) => i.id === id) ? `invoice-${id}` : 'invoices-heading');
  };

  #detail(t: Translation, level: number): TemplateResult {
    const b = t.staffBilling;
    return html`<button class="link-button back" type="button" @click=${this.#back}>${b.backToInvoices}</button>
      ${this.#invoice.render(t, (invoice) => this.#invoiceView(t, level, invoice))}`;
  }

  #invoiceView(t: Translation, level: number, invoice: Invoice): TemplateResult {
    const b = t.staffBilling;
    const i18n = t.invoice;
    return html`<article class="invoice" aria-labelledby="invoice-heading">
      ${heading(level, i18n.invoiceTitle(invoice.number), 'invoice-heading')}
      <dl class="facts">
        <dt>${b.family}</dt>
        <dd>${invoice.familyNumber}</dd>
        <dt>${b.month}</dt>
        <dd>${i18n.month(invoice.month)}</dd>
        <dt>${i18n.issuedOn}</dt>
        <dd>${formatCivilDate(invoice.issuedOn, t)}</dd>
        <dt>${i18n.dueDate}</dt>
        <dd>${formatCivilDate(invoice.dueDate, t)}</dd>
        <dt>${i18n.total}</dt>
        <dd>${i18n.euros(invoice.totalCents)}</dd>
        <dt>${i18n.credited}</dt>
        <dd>${i18n.euros(invoice.creditedCents)}</dd>
        <dt>${i18n.paid}</dt>
        <dd>${i18n.euros(invoice.paidCents)}</dd>
        <dt>${i18n.amountDue}</dt>
        <dd><strong>${i18n.euros(invoice.dueCents)}</strong></dd>
        <dt>${i18n.status}</dt>
        <dd><span class="state ${invoice.state}">${i18n.state[invoice.state]}</span></dd>
      </dl>
      ${invoice.replacesInvoiceId ? html`<p class="hint">${b.correctedInvoice}</p>` : nothing}
      <div class="form-actions">
        <button class="button secondary" type="button" ?disabled=${this.#write.busy !== null} @click=${() => void this.#downloadPdf(t, invoice)}>
          ${this.#write.busy === 'pdf' ? b.downloadingPdf : b.downloadPdf}
        </button>
      </div>
      ${this.#write.renderMessages(t, 'invoice')}
      <div part="lines-box" class="data-box" role="group" tabindex="0" aria-labelledby="lines-caption">
        <table part="lines-table" class="data-table">
          <caption id="lines-caption">${b.linesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">${i18n.activity}</th>
              <th scope="col">${i18n.child}</th>
              <th scope="col" class="num">${i18n.quantity}</th>
              <th scope="col" class="num">${i18n.unitPrice}</th>
              <th scope="col" class="num">${i18n.amount}</th>
            </tr>
          </thead>
          <tbody>
            ${invoice.lines.map(
              (l) => html`<tr>
                <th scope="row">${l.label}</th>
                <td>${l.childName ?? '—'}</td>
                <td class="num">${l.quantity}</td>
                <td class="num">${i18n.euros(l.unitPriceCents)}</td>
                <td class="num">${i18n.euros(l.amountCents)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        invoice.creditNotes.length > 0
          ? html`${heading(level + 1, b.creditNotesHeading)}
            <ul class="credit-notes">
              ${invoice.creditNotes.map(
                (c) => html`<li>${b.creditNoteLine(c.number, formatCivilDate(c.issuedOn, t), i18n.euros(c.amountCents), c.reason)}</li>`,
              )}
            </ul>`
          : nothing
      }
      ${heading(level + 1, b.creditNoteHeading, 'credit-heading')} ${this.#creditForm(t, invoice)}
    </article>`;
  }

  async #downloadPdf(t: Translation, invoice: Invoice): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const name = `facture-${invoice.number}.pdf`;
    const blob = await this.#write.run(
      'pdf',
      () => client.getInvoicePdf(invoice.id),
      () => t.staffBilling.pdfSaved(name),
    );
    if (blob) saveFile(blob, name);
  }

  #creditForm(t: Translation, invoice: Invoice): TemplateResult {
    const b = t.staffBilling;
    if (invoice.state === 'cancelled' || invoice.dueCents === 0) return html`<p>${b.notCreditable}</p>`;
    const canCancel = invoice.paidCents === 0;
    const kind = canCancel ? this.#creditKind : 'partial';
    const errors = this.#creditErrors;
    const busy = this.#write.busy !== null;
    return html`<form part="form" class="credit-form" novalidate @submit=${(event: SubmitEvent) => void this.#createCredit(event, t, invoice)}>
      <fieldset class="choices">
        <legend>${b.creditKind}</legend>
        <div class="check">
          <input type="radio" id="credit-partial" name="credit-kind" .checked=${live(kind === 'partial')} @change=${() => this.#setKind('partial')} />
          <label for="credit-partial">${b.creditPartial}</label>
        </div>
        <div class="check">
          <input
            type="radio"
            id="credit-cancel"
            name="credit-kind"
            ?disabled=${!canCancel}
            aria-describedby=${canCancel ? nothing : 'credit-cancel-hint'}
            .checked=${live(kind === 'cancel')}
            @change=${() => this.#setKind('cancel')}
          />
          <label for="credit-cancel">${b.creditCancel(t.invoice.euros(invoice.dueCents))}</label>
        </div>
        ${canCancel ? nothing : html`<p id="credit-cancel-hint" class="hint">${b.cancelNeedsUnpaid}</p>`}
      </fieldset>
      ${
        kind === 'partial'
          ? inputField({
              id: 'credit-amount',
              label: b.creditAmount,
              hint: b.creditAmountHint(t.invoice.euros(invoice.dueCents)),
              error: errors.amount,
              decimal: true,
              value: this.#creditAmount,
              onInput: (v) => (this.#creditAmount = v),
            })
          : html`<div class="check">
            <input type="checkbox" id="credit-reissue" .checked=${live(this.#reissue)} @change=${(event: Event) => (this.#reissue = (event.target as HTMLInputElement).checked)} />
            <label for="credit-reissue">${b.reissue}</label>
          </div>`
      }
      ${textareaField({
        id: 'credit-reason',
        label: b.creditReason,
        hint: b.creditReasonHint(REASON_MAX),
        error: errors.reason,
        maxLength: REASON_MAX,
        value: this.#creditReason,
        onInput: (v) => (this.#creditReason = v),
      })}
      <div class="form-actions">
        <button class="button" part="submit" type="submit" ?disabled=${busy}>${this.#write.busy === 'credit' ? b.creating : b.createCreditNote}</button>
      </div>
    </form>`;
  }

  #setKind(kind: 'partial' | 'cancel'): void {
    this.#creditKind = kind;
    this.#creditErrors = {};
    this.#host.requestUpdate();
  }

  async #createCredit(event: SubmitEvent, t: Translation, invoice: Invoice): Promise<void> {
    event.preventDefault();
    const client = this.#host.client;
    if (!client || this.#write.busy !== null) return;
    const b = t.staffBilling;
    const kind = invoice.paidCents === 0 ? this.#creditKind : 'partial';
    const reason = this.#creditReason.trim();
    const cents = parseEuros(this.#creditAmount);
    const errors: Partial<Record<CreditField, string>> = {};
    if (kind === 'partial') {
      if (cents === null || cents === 0) errors.amount = b.amountInvalid;
      else if (cents > invoice.dueCents) errors.amount = b.creditTooLarge(t.invoice.euros(invoice.dueCents));
    }
    if (reason === '') errors.reason = b.creditReasonRequired;
    this.#creditErrors = errors;
    this.#write.clear();
    const first = (['amount', 'reason'] as const).find((f) => errors[f]);
    if (first) {
      this.#host.requestUpdate();
      this.#focus.focusLater(`credit-${first}`);
      return;
    }
    const input = kind === 'partial' ? { kind, amountCents: cents ?? 0, reason } : { kind, reason, reissue: this.#reissue };
    const done = await this.#write.run(
      'credit',
      () => client.createCreditNote(invoice.id, input),
      (r: CreditNoteResult) =>
        b.creditDone(r.creditNote.number, t.invoice.euros(r.creditNote.amountCents), r.correctedInvoice?.number ?? null),
    );
    if (!done) {
      this.#focus.focusLater('credit-heading');
      return;
    }
    this.#resetCreditForm();
    this.#invoice.set(done.invoice);
    // The list shows the invoice's new state when the reader goes back.
    const page = this.#invoices.value;
    if (page) {
      const fresh = done.invoice;
      this.#invoices.set({
        ...page,
        items: [
          ...(done.correctedInvoice ? [summaryOf(done.correctedInvoice)] : []),
          ...page.items.map((i) => (i.id === fresh.id ? { ...i, ...summaryOf(fresh) } : i)),
        ],
      });
    }
    this.#host.requestUpdate();
    this.#focus.focusLater('invoice-heading');
  }
}

function summaryOf(invoice: Invoice): InvoiceSummary {
  const { lines: _lines, creditNotes: _notes, replacesInvoiceId: _replaces, ...summary } = invoice;
  return summary;
}
