import type { PortailClient } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../core/define.js';
import { heading, loadingTemplate, retryNotice } from '../core/fragments.js';
import { formatCivilDate, type InvoiceStateName } from '../core/i18n/index.js';
import { PfFamilyElement } from '../core/pf-family-element.js';
import { problemMessage } from '../core/problem-messages.js';
import { saveFile } from '../core/save-file.js';
import type { Invoice, InvoiceSummary } from '../core/types.js';
import { PfInvoiceSelectionEvent } from '../events/pf-invoice-selection-event.js';
import '../pf-login/pf-login.js';
import { styles } from './pf-invoice-list.styles.js';

const PAGE_SIZE = 10;

/** The icon beside each state (the legend explains them). */
export const invoiceIcon: Record<InvoiceStateName, string> = {
  to_pay: '€',
  partly_paid: '◑',
  paid: '✓',
  cancelled: '⊘',
};

/**
 * @tag pf-invoice-list
 * @summary « Mes factures »: the family's invoices, newest first — number, month, dates,
 * amount, amount left to pay and state (an icon and its text, with a legend) — each with its
 * details in a dialog and its PDF (and its credit notes' PDFs); invoices with an amount due have a checkbox to select them
 * for payment (`pf-invoice-selection`, and the `selectedInvoices` property).
 *
 * @event pf-invoice-selection - The invoices ticked for payment changed; `detail.invoices`, `detail.totalCents`.
 * @event pf-login - Bubbles from the inner `<pf-login>` when the visitor signs in.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The « Mes factures » heading.
 * @csspart list - The list of invoices.
 * @csspart invoice - One invoice.
 * @csspart status - An invoice's state (icon and text).
 * @csspart select - An invoice's checkbox.
 * @csspart selection - The count and total of the ticked invoices.
 * @csspart details - The details dialog.
 * @csspart credit-note - In the details, the button that downloads a credit note (« Avoir n° … »).
 * @csspart more - The « Voir plus » button.
 * @csspart legend - The legend of the states.
 * @csspart login - The inner `<pf-login>` shown when signed out.
 *
 * @cssproperty --pf-color-primary - Links and buttons. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-border - Borders of the invoices.
 * @cssproperty --pf-color-success - Paid.
 * @cssproperty --pf-color-warning - To pay, partly paid.
 * @cssproperty --pf-color-danger - Errors.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 */
export class PfInvoiceList extends PfFamilyElement {
  static override styles = styles;

  /** Level of the « Mes factures » heading (2 by default). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Leaves out the heading (the enclosing page already shows « Mes factures »). */
  @property({ type: Boolean, attribute: 'hide-heading' }) hideHeading = false;

  #more: InvoiceSummary[] = [];
  #cursor: string | null = null;
  #loadingMore = false;
  #moreError: string | null = null;
  #selected = new Set<string>();
  #details: Invoice | null = null;
  #detailsError: string | null = null;
  #opener: HTMLElement | null = null;

  readonly #first = this.accountTask(async (client) => {
    const page = await client.listMyInvoices({ limit: PAGE_SIZE });
    this.#more = [];
    this.#cursor = page.nextCursor;
    this.#selected.clear();
    return page;
  });

  /** The invoices ticked for payment, in list order. */
  get selectedInvoices(): InvoiceSummary[] {
    return this.#all().filter((i) => this.#selected.has(i.id));
  }

  /** Loads the list again from its first page (e.g. after a payment). */
  reload(): void {
    void this.#first.run();
  }

  #all(): InvoiceSummary[] {
    return [...(this.#first.value?.items ?? []), ...this.#more];
  }

  protected renderFor(): TemplateResult {
    const t = this.t;
    return html`${this.hideHeading ? nothing : heading(this.headingLevel, t.invoice.myInvoices)}
    ${this.#first.render({
      initial: () => loadingTemplate(t),
      pending: () => loadingTemplate(t),
      error: (error) => retryNotice(problemMessage(error, t), t, () => void this.#first.run()),
      complete: (page) => (page ? this.#listTemplate(this.#all()) : html``),
    })}
    ${this.#dialogTemplate()}`;
  }

  #listTemplate(invoices: InvoiceSummary[]): TemplateResult {
    const t = this.t.invoice;
    if (invoices.length === 0) return html`<p>${t.noInvoice}</p>${this.#legendTemplate()}`;
    const selected = this.selectedInvoices;
    const total = selected.reduce((n, i) => n + i.dueCents, 0);
    return html`<ul part="list" class="invoices" aria-label=${t.invoicesLabel}>
        ${invoices.map((i) => this.#invoiceTemplate(i))}
      </ul>
      <p part="selection" class="selection" aria-live="polite">${t.selection(selected.length, t.euros(total))}</p>
      ${this.#moreError ? html`<p class="notice danger" role="alert">${this.#moreError}</p>` : nothing}
      ${
        this.#cursor
          ? html`<button part="more" type="button" class="button secondary" ?disabled=${this.#loadingMore} @click=${this.#loadMore}>
            ${this.#loadingMore ? this.t.loading : t.moreInvoices}
          </button>`
          : nothing
      }
      ${this.#legendTemplate()}`;
  }

  #invoiceTemplate(i: InvoiceSummary): TemplateResult {
    const t = this.t.invoice;
    const payable = i.dueCents > 0 && (i.state === 'to_pay' || i.state === 'partly_paid');
    return html`<li part="invoice" class="invoice" data-number=${i.number}>
      <div class="pick">
        ${
          payable
            ? html`<input
              part="select"
              type="checkbox"
              .checked=${this.#selected.has(i.id)}
              aria-label=${t.select(i.number)}
              @change=${(e: Event) => this.#toggle(i, (e.target as HTMLInputElement).checked)}
            />`
            : nothing
        }
      </div>
      <div>
        <p class="title"><strong>${t.invoiceTitle(i.number)}</strong> — ${t.month(i.month)}</p>
        <dl>
          <dt>${t.issuedOn}</dt>
          <dd>${formatCivilDate(i.issuedOn, this.t)}</dd>
          <dt>${t.dueDate}</dt>
          <dd>${formatCivilDate(i.dueDate, this.t)}</dd>
          <dt>${t.total}</dt>
          <dd>${t.euros(i.totalCents)}</dd>
          <dt>${t.amountDue}</dt>
          <dd>${t.euros(i.dueCents)}</dd>
          <dt>${t.status}</dt>
          <dd part="status" class="state-${i.state}" title=${t.state[i.state]}>
            <span class="icon" aria-hidden="true">${invoiceIcon[i.state]}</span> ${t.state[i.state]}
          </dd>
        </dl>
        <div class="actions">
          <button type="button" class="button secondary" aria-label=${t.detailsOf(i.number)} @click=${(e: Event) => this.#open(i, e)}>
            ${t.details}
          </button>
          <button type="button" class="button secondary" aria-label=${t.downloadPdfOf(i.number)} @click=${() => this.#downloadInvoice(i)}>
            PDF
          </button>
        </div>
      </div>
    </li>`;
  }

  #legendTemplate(): TemplateResult {
    const t = this.t.invoice;
    const states = Object.keys(invoiceIcon) as InvoiceStateName[];
    return html`<div part="legend" class="legend">
      <p class="legend-title">${t.legend}</p>
      <ul>
        ${states.map((s) => html`<li class="state-${s}"><span class="icon" aria-hidden="true">${invoiceIcon[s]}</span> ${t.state[s]}</li>`)}
      </ul>
    </div>`;
  }

  #dialogTemplate(): TemplateResult {
    const t = this.t.invoice;
    const d = this.#details;
    return html`<dialog part="details" aria-labelledby="details-title" @close=${this.#closed}>
      ${
        d
          ? html`<h3 id="details-title">${t.detailsOf(d.number)} — ${t.month(d.month)}</h3>
            ${d.replacesInvoiceId ? html`<p>${t.replaces(this.#all().find((x) => x.id === d.replacesInvoiceId)?.number ?? '')}</p>` : nothing}
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.child}</th>
                  <th scope="col">${t.activity}</th>
                  <th scope="col" class="num">${t.quantity}</th>
                  <th scope="col" class="num">${t.unitPrice}</th>
                  <th scope="col" class="num">${t.amount}</th>
                </tr>
              </thead>
              <tbody>
                ${d.lines.map(
                  (l) => html`<tr>
                    <td>${l.childName ?? ''}</td>
                    <td>${l.label}</td>
                    <td class="num">${l.quantity}</td>
                    <td class="num">${t.euros(l.unitPriceCents)}</td>
                    <td class="num">${t.euros(l.amountCents)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <dl>
              <dt>${t.total}</dt>
              <dd>${t.euros(d.totalCents)}</dd>
              ${d.creditNotes.map((c) => html`<dt>${t.creditNote(c.number, c.reason)}</dt><dd>${t.euros(-c.amountCents)}</dd>`)}
              ${d.paidCents > 0 ? html`<dt>${t.paid}</dt><dd>${t.euros(-d.paidCents)}</dd>` : nothing}
              <dt>${t.amountDue}</dt>
              <dd>${t.euros(d.dueCents)}</dd>
            </dl>`
          : this.#detailsError
            ? html`<p class="notice danger" role="alert">${this.#detailsError}</p>`
            : loadingTemplate(this.t)
      }
      <div class="actions">
        ${d ? html`<button type="button" class="button secondary" @click=${() => this.#downloadInvoice(d)}>${t.downloadPdf}</button>` : nothing}
        ${(d?.creditNotes ?? []).map(
          (c) =>
            html`<button part="credit-note" type="button" class="button secondary" @click=${() => this.#downloadCreditNote(c)}>
              ${t.downloadCreditNote(c.number)}
            </button>`,
        )}
        <button type="button" class="button" @click=${this.#close}>${t.close}</button>
      </div>
    </dialog>`;
  }

  #toggle(invoice: InvoiceSummary, checked: boolean): void {
    if (checked) this.#selected.add(invoice.id);
    else this.#selected.delete(invoice.id);
    this.requestUpdate();
    const invoices = this.selectedInvoices;
    this.dispatchEvent(new PfInvoiceSelectionEvent({ invoices, totalCents: invoices.reduce((n, i) => n + i.dueCents, 0) }));
  }

  async #open(invoice: InvoiceSummary, event: Event): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.#opener = event.currentTarget as HTMLElement;
    this.#details = null;
    this.#detailsError = null;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    try {
      this.#details = await client.getMyInvoice(invoice.id);
    } catch (error) {
      this.emitError(error);
      this.#detailsError = problemMessage(error, this.t);
    }
    this.requestUpdate();
  }

  readonly #close = (): void => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  /** The dialog closed (button or Escape): focus goes back where it came from. */
  readonly #closed = (): void => {
    this.#opener?.focus();
    this.#opener = null;
  };

  #downloadInvoice(invoice: { id: string; number: string }): Promise<void> {
    return this.#download((client) => client.getMyInvoicePdf(invoice.id), `facture-${invoice.number}.pdf`);
  }

  #downloadCreditNote(note: { id: string; number: string }): Promise<void> {
    return this.#download((client) => client.getMyCreditNotePdf(note.id), `avoir-${note.number}.pdf`);
  }

  /** Downloads through the SDK (the session token never goes into a URL), then hands the file to the browser. */
  async #download(fetchPdf: (client: PortailClient) => Promise<Blob>, fileName: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const blob = await fetchPdf(client);
      saveFile(blob, fileName);
    } catch (error) {
      this.emitError(error);
    }
  }

  readonly #loadMore = async (): Promise<void> => {
    const client = this.client;
    if (!client || !this.#cursor || this.#loadingMore) return;
    this.#loadingMore = true;
    this.#moreError = null;
    this.requestUpdate();
    try {
      const page = await client.listMyInvoices({ limit: PAGE_SIZE, cursor: this.#cursor });
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

defineElement('pf-invoice-list', PfInvoiceList);

declare global {
  interface HTMLElementTagNameMap {
    'pf-invoice-list': PfInvoiceList;
  }
}
