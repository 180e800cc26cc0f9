import type { MyPayments } from '@portail-famille/sdk';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../core/define.js';
import { heading, loadingTemplate, retryNotice } from '../core/fragments.js';
import type { PaymentStateName } from '../core/i18n/index.js';
import { PfFamilyElement } from '../core/pf-family-element.js';
import { problemMessage } from '../core/problem-messages.js';
import { saveFile } from '../core/save-file.js';
import { themeStyles } from '../core/theme.styles.js';
import type { Payment } from '../core/types.js';
import '../pf-login/pf-login.js';

/** The icon beside each state (the legend explains them). */
export const paymentIcon: Record<PaymentStateName, string> = {
  pending: '◷', // as a pending booking; an emoji may be missing from the font
  validated: '✓',
  refused: '✗',
};

/**
 * @tag pf-payment-list
 * @summary « Mes paiements »: the family's payments, newest first — reference, date, amount,
 * method, the invoices paid and the state (an icon and its text, with a legend: pending bank
 * validation, validated, refused) — the receipt of each validated one, and the credit on the
 * family's account.
 *
 * @event pf-login - Bubbles from the inner `<pf-login>` when the visitor signs in.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The « Mes paiements » heading.
 * @csspart list - The list of payments.
 * @csspart payment - One payment.
 * @csspart status - A payment's state (icon and text).
 * @csspart credit - The credit on the family's account.
 * @csspart legend - The legend of the states.
 *
 * @cssproperty --pf-color-success - Validated.
 * @cssproperty --pf-color-warning - Pending.
 * @cssproperty --pf-color-danger - Refused.
 */
export class PfPaymentList extends PfFamilyElement {
  static override styles = [
    themeStyles,
    css`
      .payments {
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        margin: 0 0 var(--_space);
        padding: 0;
        list-style: none;
      }
      .payment {
        padding: calc(var(--_space) * 0.75);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 0.75rem;
        margin: 0.5rem 0;
      }
      dd {
        margin: 0;
      }
      .state-validated {
        color: var(--_success);
      }
      .state-pending {
        color: var(--_warning);
      }
      .state-refused {
        color: var(--_danger);
      }
      .legend ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .legend-title {
        margin-bottom: 0.25rem;
        font-weight: 600;
      }
    `,
  ];

  /** Level of the « Mes paiements » heading (2 by default). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  readonly #payments = this.accountTask((client) => client.listMyPayments());

  /** Loads the payments again (e.g. back from the provider's page). */
  reload(): void {
    void this.#payments.run();
  }

  protected renderFor(): TemplateResult {
    const t = this.t;
    return html`<div part="base">
      ${heading(this.headingLevel, t.payment.myPayments)}
      ${this.#payments.render({
        initial: () => loadingTemplate(t),
        pending: () => loadingTemplate(t),
        error: (error) => retryNotice(problemMessage(error, t), t, () => void this.#payments.run()),
        complete: (mine) => (mine ? this.#listTemplate(mine) : html``),
      })}
    </div>`;
  }

  #listTemplate(mine: MyPayments): TemplateResult {
    const t = this.t.payment;
    const euros = this.t.invoice.euros;
    return html`${mine.creditCents > 0 ? html`<p part="credit" class="notice">${t.credit(euros(mine.creditCents))}</p>` : nothing}
      ${
        mine.items.length === 0
          ? html`<p>${t.noPayment}</p>`
          : html`<ul part="list" class="payments" aria-label=${t.paymentsLabel}>
            ${mine.items.map((p) => this.#paymentTemplate(p))}
          </ul>`
      }
      <div part="legend" class="legend">
        <p class="legend-title">${t.legend}</p>
        <ul>
          ${(['pending', 'validated', 'refused'] as const).map(
            (s) => html`<li class="state-${s}"><span class="icon" aria-hidden="true">${paymentIcon[s]}</span> ${t.state[s]}</li>`,
          )}
        </ul>
      </div>`;
  }

  #paymentTemplate(p: Payment): TemplateResult {
    const t = this.t.payment;
    const euros = this.t.invoice.euros;
    const date = new Intl.DateTimeFormat(this.locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' }).format(
      new Date(p.createdAt),
    );
    return html`<li part="payment" class="payment" data-reference=${p.reference}>
      <p><strong>${t.paymentTitle(p.reference)}</strong></p>
      <dl>
        <dt>${t.date}</dt>
        <dd>${date}</dd>
        <dt>${t.amount}</dt>
        <dd>${euros(p.amountCents)}</dd>
        <dt>${t.method}</dt>
        <dd>${t.methods[p.method]}</dd>
        ${p.invoices.length > 0 ? html`<dt>${t.invoices}</dt><dd>${p.invoices.map((i) => i.invoiceNumber).join(', ')}</dd>` : nothing}
        <dt>${t.status}</dt>
        <dd part="status" class="state-${p.state}" title=${t.state[p.state]}>
          <span class="icon" aria-hidden="true">${paymentIcon[p.state]}</span> ${t.state[p.state]}
        </dd>
      </dl>
      ${p.creditedToAccountCents > 0 && p.method !== 'credit' ? html`<p>${t.keptAsCredit(euros(p.creditedToAccountCents))}</p>` : nothing}
      ${
        p.state === 'validated'
          ? html`<button type="button" class="button secondary" aria-label=${t.downloadReceiptOf(p.reference)} @click=${() => this.#download(p)}>
            ${t.downloadReceipt}
          </button>`
          : nothing
      }
    </li>`;
  }

  /** Downloads through the SDK (the session token never goes into a URL). */
  async #download(payment: Payment): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const blob = await client.getMyPaymentReceipt(payment.id);
      saveFile(blob, `recu-${payment.reference}.pdf`);
    } catch (error) {
      this.emitError(error);
    }
  }
}

defineElement('pf-payment-list', PfPaymentList);

declare global {
  interface HTMLElementTagNameMap {
    'pf-payment-list': PfPaymentList;
  }
}
