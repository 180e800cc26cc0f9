import type {
  CollectionReport,
  DeskPaymentMethod,
  FamilyCredit,
  FamilySummary,
  PaymentResolutionInput,
  PaymentState,
  PortailClient,
} from '@portail-famille/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { heading } from '../core/fragments.js';
import { formatCivilDate, type Translation } from '../core/i18n/index.js';
import { problemCode } from '../core/problem-messages.js';
import type { InvoiceSummary, Payment } from '../core/types.js';
import { parisToday } from './attendance.js';
import { eurosForInput, parseEuros } from './euros.js';
import { FamilyPicker } from './family-picker.js';
import { inputField, textareaField } from './staff-fields.js';
import { StaffAction, StaffLoad, StaffPages } from './staff-load.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The contract's largest desk payment (100 000 €) and longest reference and comment. */
const MAX_CENTS = 10_000_000;
const REFERENCE_MAX = 100;
const COMMENT_MAX = 500;
const LIST_LIMIT = 50;
const DESK_METHODS: DeskPaymentMethod[] = ['cheque', 'cash', 'cesu', 'card_desk', 'credit'];
const STATES: PaymentState[] = ['pending', 'validated', 'refused'];

type DeskField = 'family' | 'invoices' | 'amount' | 'receivedOn';
type ResolveField = 'amount' | 'comment';

interface FamilyAccount {
  /** What the family still owes, oldest invoice first. */
  invoices: InvoiceSummary[];
  credit: FamilyCredit;
}

export interface PaymentsHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** A payment flagged for staff and not settled yet. */
export function needsDecision(p: Payment): boolean {
  return p.state === 'pending' && p.anomaly !== null && p.resolution === null;
}

/**
 * « Encaissements »: record a payment received at the desk (cheque, cash, CESU, card, or the
 * family's credit) for a family's invoices; the commune's payments with their states, the
 * online ones flagged for staff settled here (accept the amount received, or reject);
 * the collection report of a period, by means of payment.
 */
export class PaymentsController {
  readonly #host: PaymentsHost;
  readonly #focus: FocusAfterRenderController;
  // recording a desk payment
  readonly #family: FamilyPicker;
  readonly #account: StaffLoad<FamilyAccount>;
  readonly #record: StaffAction;
  #method: DeskPaymentMethod = 'cheque';
  #ticked = new Set<string>();
  #amount = '';
  #amountTyped = false;
  #receivedOn = parisToday();
  #reference = '';
  #deskErrors: Partial<Record<DeskField, string>> = {};
  // the payments
  readonly #payments: StaffPages<Payment>;
  readonly #listAction: StaffAction;
  #filterState: PaymentState | '' = '';
  #onlyFlagged = false;
  // settling a flagged payment
  #settling: Payment | null = null;
  #decision: PaymentResolutionInput['decision'] = 'accept';
  #received = '';
  #comment = '';
  #resolveErrors: Partial<Record<ResolveField, string>> = {};
  readonly #resolve: StaffAction;
  // the collection report
  readonly #report: StaffLoad<CollectionReport>;
  #from = '';
  #to = '';
  #reportError = '';

  constructor(host: PaymentsHost, callbacks: { onError: (error: unknown) => void }) {
    const onError = callbacks.onError;
    this.#host = host;
    this.#focus = new FocusAfterRenderController(host);
    this.#family = new FamilyPicker(host, 'payment-family', { onError, onChange: (f) => this.#onFamily(f) });
    this.#account = new StaffLoad(host, onError);
    this.#record = new StaffAction(host, onError);
    this.#payments = new StaffPages(host, onError);
    this.#listAction = new StaffAction(host, onError);
    this.#resolve = new StaffAction(host, onError);
    this.#report = new StaffLoad(host, onError);
    this.reset();
  }

  get needsLoad(): boolean {
    return this.#payments.needsLoad;
  }

  reset(): void {
    this.#family.reset();
    this.#account.reset();
    this.#record.reset();
    this.#resetDeskForm();
    this.#receivedOn = parisToday();
    this.#payments.reset();
    this.#listAction.reset();
    this.#filterState = '';
    this.#onlyFlagged = false;
    this.#closeSettling();
    this.#report.reset();
    this.#from = `${parisToday().slice(0, 7)}-01`;
    this.#to = parisToday();
    this.#reportError = '';
  }

  #resetDeskForm(): void {
    this.#method = 'cheque';
    this.#ticked = new Set();
    this.#amount = '';
    this.#amountTyped = false;
    this.#reference = '';
    this.#deskErrors = {};
  }

  #closeSettling(): void {
    this.#settling = null;
    this.#decision = 'accept';
    this.#received = '';
    this.#comment = '';
    this.#resolveErrors = {};
    this.#resolve.reset();
  }

  /** The payments and the report of the current month. */
  async load(): Promise<void> {
    await Promise.all([this.#loadPayments(), this.#loadReport()]);
  }

  /** The first page of payments for the current filters, or the next one appended (answers the first added). */
  #loadPayments(more = false): Promise<Payment | undefined> {
    const client = this.#host.client;
    if (!client) return Promise.resolve(undefined);
    const query = {
      limit: LIST_LIMIT,
      ...(this.#filterState ? { state: this.#filterState } : {}),
      ...(this.#onlyFlagged ? { anomaly: true } : {}),
    };
    return this.#payments.loadPage((cursor) => client.listPayments({ ...query, ...(cursor ? { cursor } : {}) }), more);
  }

  async #morePayments(): Promise<void> {
    // « Voir plus »: the reader continues from the first payment just added.
    const first = await this.#loadPayments(true);
    if (first) this.#focus.focusLater(`payment-${first.id}`);
  }

  #loadReport(): Promise<boolean> {
    const client = this.#host.client;
    if (!client) return Promise.resolve(false);
    const query = { from: this.#from, to: this.#to };
    return this.#report.load(() => client.getCollectionReport(query));
  }

  #onFamily(family: FamilySummary | null): void {
    const client = this.#host.client;
    this.#resetDeskForm();
    this.#account.reset();
    this.#host.requestUpdate();
    if (!client || !family) return;
    void this.#account.load(async () => {
      const [page, credit] = await Promise.all([
        client.listInvoices({ familyId: family.id, limit: 100 }),
        client.getFamilyCredit(family.id),
      ]);
      const invoices = page.items.filter((i) => i.dueCents > 0 && i.state !== 'cancelled').sort((a, b) => a.number.localeCompare(b.number));
      return { invoices, credit };
    });
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation, level: number): TemplateResult {
    const p = t.staffPayments;
    return html`<div class="payments-tab">
      <p>${p.intro}</p>
      ${heading(level, p.recordHeading, 'record-heading')} ${this.#deskForm(t)}
      ${heading(level, p.paymentsHeading, 'payments-heading')} ${this.#paymentsSection(t, level + 1)}
      ${heading(level, p.reportHeading, 'report-heading')} ${this.#reportSection(t)}
    </div>`;
  }

  // --- a desk payment ----------------------------------------------------------------

  #deskForm(t: Translation): TemplateResult {
    const p = t.staffPayments;
    const errors = this.#deskErrors;
    const account = this.#account.value;
    const busy = this.#record.busy !== null;
    return html`<form part="form" class="desk-form" novalidate @submit=${(event: SubmitEvent) => void this.#recordPayment(event, t)}>
        ${this.#family.render(t, { label: p.family, anyLabel: p.chooseFamily, error: errors.family })}
        ${this.#account.render(t, (a) => this.#familyAccount(t, a))}
        <div class="grid">
          <div class="field">
            <label for="desk-method" part="label">${p.method}</label>
            <select
              id="desk-method"
              part="input"
              @change=${(event: Event) => {
                this.#method = (event.target as HTMLSelectElement).value as DeskPaymentMethod;
                this.#host.requestUpdate();
              }}
            >
              ${DESK_METHODS.map((m) => html`<option value=${m} ?selected=${this.#method === m}>${p.deskMethods[m]}</option>`)}
            </select>
          </div>
          ${inputField({
            id: 'desk-amount',
            label: p.amount,
            hint: p.amountHint,
            error: errors.amount,
            decimal: true,
            value: this.#amount,
            onInput: (v) => {
              this.#amount = v;
              this.#amountTyped = v.trim() !== '';
            },
          })}
          ${inputField({
            id: 'desk-received',
            label: p.receivedOn,
            error: errors.receivedOn,
            type: 'date',
            value: this.#receivedOn,
            onInput: (v) => (this.#receivedOn = v),
          })}
          ${inputField({
            id: 'desk-reference',
            label: p.reference,
            hint: p.referenceHint,
            maxLength: REFERENCE_MAX,
            value: this.#reference,
            onInput: (v) => (this.#reference = v),
          })}
        </div>
        ${
          this.#method === 'credit' && account
            ? html`<p class="hint" id="desk-credit-hint">${p.creditMethodHint(t.invoice.euros(account.credit.balanceCents))}</p>`
            : nothing
        }
        <div class="form-actions">
          <button class="button" part="submit" type="submit" ?disabled=${busy}>${busy ? p.recording : p.record}</button>
        </div>
      </form>
      ${this.#record.renderMessages(t, 'record')}`;
  }

  #familyAccount(t: Translation, account: FamilyAccount): TemplateResult {
    const p = t.staffPayments;
    const euros = t.invoice.euros;
    const error = this.#deskErrors.invoices;
    const credit = account.credit.balanceCents;
    return html`<p class="notice info family-credit" part="family-credit">
        ${credit > 0 ? p.familyCredit(euros(credit)) : p.noFamilyCredit}
      </p>
      ${
        account.invoices.length === 0
          ? html`<p id="desk-invoices" tabindex="-1">${p.nothingDue}</p>`
          : html`<fieldset id="desk-invoices" tabindex="-1" aria-describedby="desk-invoices-hint${error ? ' desk-invoices-error' : ''}">
            <legend>${p.invoices}</legend>
            <p id="desk-invoices-hint" class="hint">${p.invoicesHint}</p>
            ${account.invoices.map(
              (i) => html`<div class="check">
                <input
                  type="checkbox"
                  id="desk-invoice-${i.id}"
                  .checked=${live(this.#ticked.has(i.id))}
                  @change=${(event: Event) => this.#tick(t, account, i.id, (event.target as HTMLInputElement).checked)}
                />
                <label for="desk-invoice-${i.id}">${p.invoiceChoice(i.number, t.invoice.month(i.month), euros(i.dueCents))}</label>
              </div>`,
            )}
            ${error ? html`<p id="desk-invoices-error" part="field-error" class="field-error">${error}</p>` : nothing}
          </fieldset>`
      }`;
  }

  /** Ticks an invoice; until the reader types an amount, the amount is what the ticked invoices owe. */
  #tick(t: Translation, account: FamilyAccount, invoiceId: string, checked: boolean): void {
    const ticked = new Set(this.#ticked);
    if (checked) ticked.add(invoiceId);
    else ticked.delete(invoiceId);
    this.#ticked = ticked;
    if (!this.#amountTyped) {
      const due = account.invoices.filter((i) => ticked.has(i.id)).reduce((sum, i) => sum + i.dueCents, 0);
      this.#amount = due > 0 ? eurosForInput(due, t) : '';
    }
    this.#host.requestUpdate();
  }

  async #recordPayment(event: SubmitEvent, t: Translation): Promise<void> {
    event.preventDefault();
    const client = this.#host.client;
    if (!client || this.#record.busy !== null) return;
    const p = t.staffPayments;
    const family = this.#family.selected;
    const account = this.#account.value;
    const cents = parseEuros(this.#amount);
    const invoices = (account?.invoices ?? []).filter((i) => this.#ticked.has(i.id));
    const errors: Partial<Record<DeskField, string>> = {};
    if (!family) errors.family = p.familyRequired;
    if (this.#method === 'credit' && family && invoices.length === 0) errors.invoices = p.creditNeedsInvoices;
    if (cents === null || cents === 0 || cents > MAX_CENTS) errors.amount = p.amountInvalid;
    else if (this.#method === 'credit' && account && cents > account.credit.balanceCents)
      errors.amount = p.creditTooSmall(t.invoice.euros(account.credit.balanceCents));
    if (!DATE.test(this.#receivedOn) || this.#receivedOn > parisToday()) errors.receivedOn = p.receivedOnInvalid;
    this.#deskErrors = errors;
    this.#record.clear();
    const first = (['family', 'invoices', 'amount', 'receivedOn'] as const).find((f) => errors[f]);
    if (first || !family || cents === null) {
      this.#host.requestUpdate();
      const target = { family: this.#family.controlId, invoices: 'desk-invoices', amount: 'desk-amount', receivedOn: 'desk-received' };
      this.#focus.focusLater(target[first ?? 'amount']);
      return;
    }
    const reference = this.#reference.trim();
    const input = {
      familyId: family.id,
      method: this.#method,
      amountCents: cents,
      invoiceIds: invoices.map((i) => i.id),
      receivedOn: this.#receivedOn,
      ...(reference ? { reference } : {}),
    };
    const payment = await this.#record.run(
      'record',
      () => client.recordPayment(input),
      (r) =>
        p.recorded(
          r.reference,
          t.invoice.euros(r.amountCents),
          t.invoice.euros(r.allocatedCents),
          t.invoice.euros(r.creditedToAccountCents),
        ),
    );
    if (!payment) {
      this.#focus.focusLater('record-heading');
      return;
    }
    // The family's invoices and credit as they are now; the payment heads the list; the report counts it.
    this.#onFamily(family);
    void this.#loadPayments();
    void this.#loadReport();
    this.#focus.focusLater('record-heading');
  }

  // --- the payments ------------------------------------------------------------------

  #paymentsSection(t: Translation, level: number): TemplateResult {
    const p = t.staffPayments;
    const page = this.#payments.value;
    const status = page ? (page.items.length === 0 ? p.noPayment : p.paymentCount(page.items.length, page.nextCursor !== null)) : '';
    return html`<form part="form" class="filters" novalidate aria-label=${p.filtersLabel} @submit=${this.#onFilter}>
        <div class="grid">
          <div class="field">
            <label for="payment-state" part="label">${p.filterState}</label>
            <select
              id="payment-state"
              part="input"
              @change=${(event: Event) => (this.#filterState = (event.target as HTMLSelectElement).value as PaymentState | '')}
            >
              <option value="" ?selected=${this.#filterState === ''}>${p.allStates}</option>
              ${STATES.map((s) => html`<option value=${s} ?selected=${this.#filterState === s}>${t.payment.state[s]}</option>`)}
            </select>
          </div>
        </div>
        <div class="check">
          <input
            type="checkbox"
            id="payment-flagged"
            .checked=${live(this.#onlyFlagged)}
            @change=${(event: Event) => (this.#onlyFlagged = (event.target as HTMLInputElement).checked)}
          />
          <label for="payment-flagged">${p.onlyFlagged}</label>
        </div>
        <div class="form-actions">
          <button class="button" part="submit" type="submit">${p.filter}</button>
          <button class="button secondary" type="button" ?disabled=${this.#listAction.busy !== null} @click=${() => void this.#reconcile(t)}>
            ${this.#listAction.busy ? p.reconciling : p.reconcile}
          </button>
        </div>
      </form>
      ${this.#listAction.renderMessages(t, 'payments')}
      <p id="payments-count" role="status" class="list-status">${this.#payments.loading ? t.loading : status}</p>
      ${this.#payments.render(t, (list) => (list.items.length > 0 ? this.#table(t, list.items) : nothing))}
      ${this.#payments.renderMore(t, p.morePayments, () => void this.#morePayments())}
      ${this.#settling ? this.#settleForm(t, level, this.#settling) : nothing}`;
  }

  readonly #onFilter = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#closeSettling();
    void this.#loadPayments();
  };

  async #reconcile(t: Translation): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const done = await this.#listAction.run(
      'reconcile',
      () => client.reconcilePayments(),
      (r) => t.staffPayments.reconciled(r),
    );
    if (done) await this.#loadPayments();
  }

  #table(t: Translation, items: Payment[]): TemplateResult {
    const p = t.staffPayments;
    const euros = t.invoice.euros;
    return html`<div part="payments-box" class="data-box" role="group" tabindex="0" aria-labelledby="payments-caption">
      <table part="payments-table" class="data-table">
        <caption id="payments-caption">${p.paymentsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${p.reference}</th>
            <th scope="col">${p.date}</th>
            <th scope="col">${p.family}</th>
            <th scope="col">${p.method}</th>
            <th scope="col" class="num">${t.invoice.amount}</th>
            <th scope="col">${t.payment.invoices}</th>
            <th scope="col">${p.state}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            items,
            (x) => x.id,
            (x) => html`<tr class=${needsDecision(x) ? 'flagged' : ''}>
              <th scope="row" id="payment-${x.id}" tabindex="-1">${x.reference}</th>
              <td>${t.staff.dateTime(new Date(x.createdAt))}</td>
              <td>${x.familyNumber}</td>
              <td>${t.payment.methods[x.method]}</td>
              <td class="num">${euros(x.amountCents)}</td>
              <td class="nowrap">${x.invoices.map((i) => i.invoiceNumber).join(', ') || '—'}</td>
              <td>${this.#stateCell(t, x)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #stateCell(t: Translation, x: Payment): TemplateResult {
    const p = t.staffPayments;
    const euros = t.invoice.euros;
    const refused = x.state === 'refused' && x.refusalReason ? ` (${p.refusalReasons[x.refusalReason]})` : '';
    return html`<span class="state ${x.state}">${t.payment.state[x.state]}${refused}</span>
      ${
        needsDecision(x)
          ? html`<br /><strong class="flag" part="flag">${p.flagged}</strong><br /><span class="hint"
              >${x.anomaly === 'mismatch' ? p.mismatch(euros(x.amountCents), x.reportedAmountCents === null ? null : euros(x.reportedAmountCents)) : p.unknownResult}</span
            ><br /><button
              id="settle-${x.id}"
              class="button settle-button"
              type="button"
              aria-label=${p.settleLabel(x.reference)}
              ?disabled=${this.#resolve.busy !== null}
              @click=${() => this.#openSettling(t, x)}
            >
              ${p.settle}
            </button>`
          : nothing
      }
      ${
        x.resolution
          ? html`<br /><span class="hint"
              >${p.resolved(x.resolution.decision, x.resolution.resolvedBy.displayName, t.staff.dateTime(new Date(x.resolution.resolvedAt)), x.resolution.comment)}</span
            >`
          : nothing
      }
      ${x.creditedToAccountCents > 0 ? html`<br /><span class="hint">${p.keptAsCredit(euros(x.creditedToAccountCents))}</span>` : nothing}`;
  }

  // --- settling a flagged payment ----------------------------------------------------

  #openSettling(t: Translation, payment: Payment): void {
    this.#closeSettling();
    this.#settling = payment;
    this.#received = eurosForInput(payment.reportedAmountCents ?? payment.amountCents, t);
    this.#host.requestUpdate();
    this.#focus.focusLater('settle-heading');
  }

  readonly #cancelSettling = (): void => {
    const id = this.#settling?.id;
    this.#closeSettling();
    this.#host.requestUpdate();
    if (id) this.#focus.focusLater(`settle-${id}`);
  };

  #settleForm(t: Translation, level: number, payment: Payment): TemplateResult {
    const p = t.staffPayments;
    const euros = t.invoice.euros;
    const errors = this.#resolveErrors;
    const busy = this.#resolve.busy !== null;
    const accept = this.#decision === 'accept';
    return html`<section class="settle card" part="settle" aria-labelledby="settle-heading">
      ${heading(level, p.settleHeading(payment.reference), 'settle-heading')}
      <dl class="facts">
        <dt>${p.family}</dt>
        <dd>${payment.familyNumber}</dd>
        <dt>${p.askedAmount}</dt>
        <dd>${euros(payment.amountCents)}</dd>
        <dt>${p.reportedAmount}</dt>
        <dd>${payment.reportedAmountCents === null ? p.noReportedAmount : euros(payment.reportedAmountCents)}</dd>
        <dt>${t.payment.invoices}</dt>
        <dd>${payment.invoices.map((i) => i.invoiceNumber).join(', ')}</dd>
      </dl>
      <p>${p.settleIntro}</p>
      ${this.#resolve.renderMessages(t, 'settle')}
      <form part="form" class="settle-form" novalidate @submit=${(event: SubmitEvent) => void this.#settle(event, t, payment)}>
        <fieldset class="choices">
          <legend>${p.decision}</legend>
          <div class="check">
            <input type="radio" id="settle-accept" name="settle-decision" .checked=${live(accept)} @change=${() => this.#setDecision('accept')} />
            <label for="settle-accept">${p.accept}</label>
          </div>
          <div class="check">
            <input type="radio" id="settle-reject" name="settle-decision" .checked=${live(!accept)} @change=${() => this.#setDecision('reject')} />
            <label for="settle-reject">${p.reject}</label>
          </div>
        </fieldset>
        ${
          accept
            ? inputField({
                id: 'settle-amount',
                label: p.receivedAmount,
                hint: p.receivedAmountHint,
                error: errors.amount,
                decimal: true,
                value: this.#received,
                onInput: (v) => (this.#received = v),
              })
            : nothing
        }
        ${textareaField({
          id: 'settle-comment',
          label: p.comment,
          hint: p.commentHint(COMMENT_MAX),
          error: errors.comment,
          maxLength: COMMENT_MAX,
          value: this.#comment,
          onInput: (v) => (this.#comment = v),
        })}
        <div class="form-actions">
          <button class="button" part="submit" type="submit" ?disabled=${busy}>${busy ? p.settling : accept ? p.confirmAccept : p.confirmReject}</button>
          <button class="button secondary" type="button" ?disabled=${busy} @click=${this.#cancelSettling}>${p.cancel}</button>
        </div>
      </form>
    </section>`;
  }

  #setDecision(decision: PaymentResolutionInput['decision']): void {
    this.#decision = decision;
    this.#resolveErrors = {};
    this.#host.requestUpdate();
  }

  async #settle(event: SubmitEvent, t: Translation, payment: Payment): Promise<void> {
    event.preventDefault();
    const client = this.#host.client;
    if (!client || this.#resolve.busy !== null) return;
    const p = t.staffPayments;
    const comment = this.#comment.trim();
    const cents = parseEuros(this.#received);
    const errors: Partial<Record<ResolveField, string>> = {};
    if (this.#decision === 'accept' && (cents === null || cents === 0 || cents > MAX_CENTS)) errors.amount = p.amountInvalid;
    if (comment === '') errors.comment = p.commentRequired;
    this.#resolveErrors = errors;
    this.#resolve.clear();
    const first = (['amount', 'comment'] as const).find((f) => errors[f]);
    if (first) {
      this.#host.requestUpdate();
      this.#focus.focusLater(`settle-${first}`);
      return;
    }
    const input: PaymentResolutionInput =
      this.#decision === 'accept' ? { decision: 'accept', amountCents: cents ?? 0, comment } : { decision: 'reject', comment };
    const settled = await this.#resolve.run(
      'settle',
      () => client.resolvePaymentAnomaly(payment.id, input),
      (r) =>
        r.state === 'validated'
          ? p.accepted(r.reference, t.invoice.euros(r.allocatedCents), t.invoice.euros(r.creditedToAccountCents))
          : p.rejected(r.reference),
    );
    if (!settled) {
      // Someone else settled it meanwhile: show the list as it is.
      if (problemCode(this.#resolve.error) === 'payment_not_flagged') void this.#loadPayments();
      this.#focus.focusLater('settle-heading');
      return;
    }
    // The form goes away: its confirmation is said above the list.
    this.#listAction.announce(this.#resolve.notice);
    this.#closeSettling();
    await this.#loadPayments();
    void this.#loadReport();
    this.#focus.focusLater('payments-heading');
  }

  // --- the collection report ---------------------------------------------------------

  #reportSection(t: Translation): TemplateResult {
    const p = t.staffPayments;
    const error = this.#reportError;
    return html`<form part="form" class="filters" novalidate aria-label=${p.reportPeriod} @submit=${(event: SubmitEvent) => this.#onReport(event, t)}>
        <div class="grid">
          ${inputField({ id: 'report-from', label: p.from, error, type: 'date', value: this.#from, onInput: (v) => (this.#from = v) })}
          ${inputField({ id: 'report-to', label: p.to, type: 'date', value: this.#to, onInput: (v) => (this.#to = v) })}
        </div>
        <div class="form-actions">
          <button class="button" part="submit" type="submit">${p.showReport}</button>
        </div>
      </form>
      ${this.#report.render(t, (r) => this.#reportTable(t, r))}`;
  }

  #onReport(event: SubmitEvent, t: Translation): void {
    event.preventDefault();
    const valid = DATE.test(this.#from) && DATE.test(this.#to) && this.#from <= this.#to;
    this.#reportError = valid ? '' : t.staffPayments.periodInvalid;
    this.#host.requestUpdate();
    if (!valid) {
      this.#focus.focusLater('report-from');
      return;
    }
    void this.#loadReport();
  }

  #reportTable(t: Translation, report: CollectionReport): TemplateResult {
    const p = t.staffPayments;
    const euros = t.invoice.euros;
    const rows = report.byMethod.filter((m) => m.count > 0);
    return html`<div part="report-box" class="data-box" role="group" tabindex="0" aria-labelledby="report-caption">
        <table part="report-table" class="data-table">
          <caption id="report-caption">${p.reportCaption(formatCivilDate(report.from, t), formatCivilDate(report.to, t))}</caption>
          <thead>
            <tr>
              <th scope="col">${p.method}</th>
              <th scope="col" class="num">${p.count}</th>
              <th scope="col" class="num">${t.invoice.amount}</th>
            </tr>
          </thead>
          <tbody>
            ${
              rows.length === 0
                ? html`<tr>
                  <td colspan="3">${p.nothingCollected}</td>
                </tr>`
                : rows.map(
                    (m) => html`<tr>
                      <th scope="row">${t.payment.methods[m.method]}${m.method === 'credit' ? html` <span class="hint">${p.notCounted}</span>` : nothing}</th>
                      <td class="num">${m.count}</td>
                      <td class="num">${euros(m.totalCents)}</td>
                    </tr>`,
                  )
            }
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="2">${p.totalCollected}</th>
              <td class="num"><strong>${euros(report.totalCents)}</strong></td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="hint">${p.creditCreated(euros(report.creditCreatedCents))}</p>`;
  }
}
