import { css, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../core/define.js';
import { PfElement } from '../core/pf-element.js';
import { problemMessage } from '../core/problem-messages.js';
import { themeStyles } from '../core/theme.styles.js';
import type { InvoiceSummary, Payment, PaymentRedirect } from '../core/types.js';
import { PfPaymentReturnEvent, PfPaymentStartEvent } from '../events/pf-payment-events.js';

/** The query (or fragment) parameter carrying the payment id when the provider sends the parent back. */
export const RETURN_PARAM = 'pf-payment';

/** The payment id in a page address (`?pf-payment=…` or `#pf-payment=…`), or null. */
export function paymentIdIn(href: string): string | null {
  const url = new URL(href);
  return url.searchParams.get(RETURN_PARAM) ?? new URLSearchParams(url.hash.slice(1)).get(RETURN_PARAM);
}

/** The page address without the payment id nor the provider's own parameters. */
export function cleanReturnUrl(href: string): string {
  const url = new URL(href);
  for (const name of [RETURN_PARAM, 'idOp', 'idop', 'operation']) url.searchParams.delete(name);
  if (new URLSearchParams(url.hash.slice(1)).has(RETURN_PARAM)) url.hash = '';
  return url.toString();
}

/**
 * @tag pf-pay-button
 * @summary « Payer en ligne »: the invoices selected (`invoices`, e.g. from `<pf-invoice-list>`'s
 * `pf-invoice-selection`), their total, and the button that creates the payment and sends the
 * browser to the provider's secure page. Back on the page (`?pf-payment=<id>` in its address,
 * or the `payment-id` attribute), it asks the server — which asks the provider — and says how
 * the payment stands: validated, pending bank validation, or refused.
 *
 * @event pf-payment-start - Cancelable, before leaving for the provider; `detail.redirect`.
 * @event pf-payment-return - Back from the provider; `detail.payment`.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper.
 * @csspart total - The count and total of the selected invoices.
 * @csspart button - The « Payer en ligne » button.
 * @csspart message - The outcome shown on return.
 *
 * @cssproperty --pf-color-primary - The button. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-success - Validated.
 * @cssproperty --pf-color-warning - Pending.
 * @cssproperty --pf-color-danger - Refused, errors.
 */
export class PfPayButton extends PfElement {
  static override styles = [
    themeStyles,
    css`
      .state-validated {
        color: var(--_success);
      }
      .state-pending {
        color: var(--_warning);
      }
      .state-refused {
        color: var(--_danger);
      }
    `,
  ];

  /** The invoices to pay (only those with an amount due count). */
  @property({ attribute: false }) invoices: InvoiceSummary[] = [];

  /** The payment to confirm (default: the `pf-payment` parameter of the page's address). */
  @property({ attribute: 'payment-id' }) paymentId: string | null = null;

  #busy = false;
  #error: string | null = null;
  #outcome: Payment | null = null;
  #confirming = false;
  #confirmed: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.paymentId) this.paymentId = paymentIdIn(window.location.href);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.paymentId && this.client && this.session.account && this.#confirmed !== this.paymentId) void this.#confirm(this.paymentId);
  }

  #payable(): InvoiceSummary[] {
    return this.invoices.filter((i) => i.dueCents > 0);
  }

  override render(): TemplateResult {
    const t = this.t.payment;
    const euros = this.t.invoice.euros;
    const payable = this.#payable();
    const total = payable.reduce((n, i) => n + i.dueCents, 0);
    return html`<div part="base" class="pay">
      ${this.#confirming ? html`<p class="notice" role="status">${t.confirming}</p>` : nothing}
      ${
        this.#outcome
          ? html`<p part="message" class="notice state-${this.#outcome.state}" role="status">
            ${t.outcome[this.#outcome.state](euros(this.#outcome.amountCents), this.#outcome.reference)}
          </p>`
          : nothing
      }
      <p part="total" aria-live="polite">${payable.length === 0 ? t.nothingSelected : t.selected(payable.length, euros(total))}</p>
      ${this.#error ? html`<p class="notice danger" role="alert">${this.#error}</p>` : nothing}
      <button part="button" type="button" class="button" ?disabled=${payable.length === 0 || this.#busy || !this.session.account} @click=${this.#pay}>
        ${this.#busy ? t.paying : t.payOnline}
      </button>
    </div>`;
  }

  readonly #pay = async (): Promise<void> => {
    const client = this.client;
    const payable = this.#payable();
    if (!client || payable.length === 0 || this.#busy) return;
    this.#busy = true;
    this.#error = null;
    this.requestUpdate();
    try {
      const { payment, redirect } = await client.createPayment(
        payable.map((i) => i.id),
        { returnUrl: cleanReturnUrl(window.location.href) },
      );
      const start = new PfPaymentStartEvent({ payment, redirect });
      if (this.dispatchEvent(start)) this.#go(redirect);
    } catch (error) {
      this.emitError(error);
      this.#error = problemMessage(error, this.t);
      this.#busy = false;
      this.requestUpdate();
    }
  };

  /** Leaves for the provider's page: a plain navigation, or a form it expects posted. */
  #go(redirect: PaymentRedirect): void {
    if (redirect.method === 'GET') {
      window.location.assign(redirect.url);
      return;
    }
    const form = document.createElement('form');
    form.method = 'post';
    form.action = redirect.url;
    for (const [name, value] of Object.entries(redirect.fields ?? {})) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }

  async #confirm(paymentId: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.#confirmed = paymentId;
    this.#confirming = true;
    this.requestUpdate();
    try {
      this.#outcome = await client.confirmMyPayment(paymentId);
      this.dispatchEvent(new PfPaymentReturnEvent({ payment: this.#outcome }));
      // The address no longer names the payment: a reload does not confirm it again.
      if (paymentIdIn(window.location.href) === paymentId)
        window.history.replaceState(window.history.state, '', cleanReturnUrl(window.location.href));
    } catch (error) {
      this.emitError(error);
      this.#error = problemMessage(error, this.t);
    }
    this.#confirming = false;
    this.requestUpdate();
  }
}

defineElement('pf-pay-button', PfPayButton);

declare global {
  interface HTMLElementTagNameMap {
    'pf-pay-button': PfPayButton;
  }
}
