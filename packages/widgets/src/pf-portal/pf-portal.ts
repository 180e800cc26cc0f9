import { ContextProvider } from '@lit/context';
import type { CommunePublic, Me } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { clientContext } from '../core/client-context.js';
import { communeHeader } from '../core/commune-header.js';
import { CommuneTask } from '../core/commune-task.js';
import { defineElement } from '../core/define.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { embeddedLogin, heading, loadingTemplate } from '../core/fragments.js';
import type { Translation } from '../core/i18n/index.js';
import { LinkTokenController } from '../core/link-token.js';
import { PfElement } from '../core/pf-element.js';
import { PfLogoutEvent } from '../events/pf-logout-event.js';
import '../pf-booking-planner/pf-booking-planner.js';
import { EmailConfirmationController } from '../pf-family-profile/email-confirmation.js';
import '../pf-family-profile/pf-family-profile.js';
import '../pf-documents/pf-documents.js';
import '../pf-login/pf-login.js';
import '../pf-reservation-list/pf-reservation-list.js';
import '../pf-invoice-list/pf-invoice-list.js';
import '../pf-payment-list/pf-payment-list.js';
import type { InvoiceSummary } from '../core/types.js';
import type { PfInvoiceSelectionEvent } from '../events/pf-invoice-selection-event.js';
import { paymentIdIn } from '../pf-pay-button/pf-pay-button.js';
import { styles } from './pf-portal.styles.js';

/** One entry of the portal's navigation. Later issues add bookings, invoices, documents… */
interface PortalSection {
  readonly id: string;
  label(t: Translation): string;
  render(portal: PfPortal, account: Me): TemplateResult;
}

const sections: readonly PortalSection[] = [
  {
    id: 'family',
    label: (t) => t.myFamily,
    render: (portal) => portal.renderFamilySection(),
  },
  {
    id: 'bookings',
    label: (t) => t.bookingsTab,
    render: (portal) => portal.renderBookingSection(),
  },
  {
    id: 'reservations',
    label: (t) => t.myReservationsTab,
    render: (portal) => portal.renderReservationSection(),
  },
  {
    id: 'invoices',
    label: (t) => t.invoicesTab,
    render: (portal) => portal.renderInvoiceSection(),
  },
  {
    id: 'documents',
    label: (t) => t.documentsTab,
    render: (portal) => portal.renderDocumentsSection(),
  },
];

/**
 * @tag pf-portal
 * @summary The whole family portal in one element: the commune's header and banner, the
 * login when signed out, and the family's pages when signed in: « Ma famille », « Réservations »
 * (`<pf-booking-planner>`), « Mes réservations » (`<pf-reservation-list>`), « Factures »
 * (`<pf-invoice-list>`) and « Documents » (`<pf-documents>`), as tabs.
 * Widgets inside it share its SDK client through context.
 *
 * @event pf-login - Bubbles from the inner `<pf-login>` when the visitor signs in.
 * @event pf-logout - The visitor signed out (from the portal's header).
 * @event pf-booking-confirmed - Bubbles from the inner `<pf-booking-planner>` when a request is recorded.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Logo, commune name and the signed-in account.
 * @csspart logo - The commune's logo.
 * @csspart title - The portal's title.
 * @csspart banner - The commune's information or maintenance banner.
 * @csspart account - The « Connecté(e) en tant que » line.
 * @csspart logout - The sign-out button.
 * @csspart nav - The sections' tabs.
 * @csspart tab - One tab.
 * @csspart content - The current section.
 * @csspart planner - The inner `<pf-booking-planner>`.
 * @csspart reservations - The inner `<pf-reservation-list>`.
 * @csspart invoices - The inner `<pf-invoice-list>` (« Factures »).
 * @csspart documents - The inner `<pf-documents>` (« Documents » tab).
 * @csspart pay - The inner `<pf-pay-button>` (« Payer en ligne »).
 * @csspart payments - The inner `<pf-payment-list>` (« Mes paiements »).
 * @csspart card - A guardian's or a child's card.
 * @csspart family - The inner `<pf-family-profile>` (« Ma famille »).
 * @csspart login - The inner `<pf-login>` (its parts are exported as `login-…`).
 *
 * @cssproperty --pf-color-primary - Buttons, links, current section. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-surface-alt - Header and cards background.
 * @cssproperty --pf-color-danger - Errors.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 * @cssproperty --pf-max-width - Maximum width of the login form.
 */
export class PfPortal extends PfElement {
  static override styles = styles;

  /** Level of the portal's title (2 by default); sections use the next levels. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  readonly #provider = new ContextProvider(this, { context: clientContext });
  /** Back from the payment provider (`?pf-payment=…`): the « Factures » tab opens first. */
  #section = paymentIdIn(window.location.href) ? 'invoices' : 'family';
  /** The invoices ticked in « Factures », for `<pf-pay-button>`. */
  #toPay: InvoiceSummary[] = [];
  /** Sections opened at least once since signing in. */
  readonly #visited = new Set<string>();
  readonly #focus = new FocusAfterRenderController(this);

  /** Opened from an emailed link while signed in: end that session so the link works. */
  readonly #link = new LinkTokenController(this, () => this.dispatchEvent(new PfLogoutEvent()));

  readonly #commune = new CommuneTask(this, (error) => this.emitError(error));

  /** Opened from the link confirming a new email address (`#pf-confirm-email=…`). */
  readonly #emailConfirmation = new EmailConfirmationController(this);

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.#provider.value !== this.client) this.#provider.setValue(this.client);
  }

  override render(): TemplateResult {
    return this.#commune.render(this.t, (commune) => this.#ready(commune));
  }

  #loading(): TemplateResult {
    return loadingTemplate(this.t);
  }

  #ready(commune: CommunePublic): TemplateResult {
    const t = this.t;
    const account = this.session.account;
    return html`${communeHeader({
      commune,
      t,
      title: t.portalTitle(commune.name),
      headingLevel: this.headingLevel,
      headingId: 'portal-heading',
      account: this.#link.ending ? null : account,
      onLogout: this.#onLogout,
      withLogo: true,
      withBanner: true,
    })}
      ${this.#emailConfirmation.render(t)}
      <div part="content" class="content">${this.#content(account)}</div>`;
  }

  #content(account: Me | null): TemplateResult {
    if (!this.session.ready || this.#link.ending) return this.#loading();
    if (!account) {
      return embeddedLogin({
        headingLevel: this.headingLevel + 1,
        lang: this.locale,
        theme: this.theme,
        onLogin: this.#onLogin,
        hideBanner: true,
      });
    }
    if (account.kind !== 'guardian') {
      return html`<p class="notice info" part="staff-notice">${this.t.staffNotice}</p>`;
    }
    const current = sections.find((section) => section.id === this.#section) ?? sections[0];
    if (!current) return html``;
    this.#visited.add(current.id);
    return html`<div part="nav" class="nav tabs" role="tablist" aria-label=${this.t.sectionsLabel} @keydown=${this.#onTabKey}>
        ${sections.map(
          (section) =>
            html`<button
              type="button"
              role="tab"
              part="tab"
              class="nav-item"
              id=${`tab-${section.id}`}
              aria-selected=${section === current ? 'true' : 'false'}
              aria-controls=${`panel-${section.id}`}
              tabindex=${section === current ? 0 : -1}
              @click=${() => this.#select(section.id)}
            >
              ${section.label(this.t)}
            </button>`,
        )}
      </div>
      ${sections.map((section) => {
        const isCurrent = section === current;
        // The planner stays alive once opened, so unconfirmed choices survive a change of tab.
        if (!isCurrent && !(section.id === 'bookings' && this.#visited.has(section.id))) return nothing;
        return html`<section
          class="section"
          role="tabpanel"
          id=${`panel-${section.id}`}
          aria-labelledby=${`tab-${section.id}`}
          ?hidden=${!isCurrent}
        >
          ${isCurrent ? heading(this.headingLevel + 1, section.label(this.t), 'section-heading') : nothing} ${section.render(this, account)}
        </section>`;
      })}`;
  }

  readonly #onTabKey = (event: KeyboardEvent): void => {
    const index = sections.findIndex((section) => section.id === this.#section);
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % sections.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + sections.length) % sections.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = sections.length - 1;
    else return;
    event.preventDefault();
    const section = sections[next];
    if (!section) return;
    this.#section = section.id;
    this.#focus.focusLater(`tab-${section.id}`);
    this.requestUpdate();
  };

  /** « Réservations »: the planner of the family's children. */
  renderBookingSection(): TemplateResult {
    return html`<pf-booking-planner
      part="planner"
      heading-level=${this.headingLevel + 2}
      lang=${this.locale}
      theme=${this.theme ?? nothing}
      @pf-booking-confirmed=${() => this.requestUpdate()}
    ></pf-booking-planner>`;
  }

  /** « Factures »: the family's invoices (ticked ones paid with « Payer en ligne ») and its payments. */
  renderInvoiceSection(): TemplateResult {
    return html`<pf-invoice-list
        part="invoices"
        hide-heading
        heading-level=${this.headingLevel + 2}
        lang=${this.locale}
        theme=${this.theme ?? nothing}
        @pf-invoice-selection=${this.#onSelection}
      ></pf-invoice-list>
      <pf-pay-button
        part="pay"
        lang=${this.locale}
        theme=${this.theme ?? nothing}
        .invoices=${this.#toPay}
        @pf-payment-return=${this.#onPaymentReturn}
      ></pf-pay-button>
      <pf-payment-list part="payments" heading-level=${this.headingLevel + 2} lang=${this.locale} theme=${this.theme ?? nothing}></pf-payment-list>`;
  }

  readonly #onSelection = (event: PfInvoiceSelectionEvent): void => {
    this.#toPay = event.detail.invoices;
    this.requestUpdate();
  };

  /** Back from the provider: the invoices and payments are shown as they now stand. */
  readonly #onPaymentReturn = (): void => {
    this.#toPay = [];
    this.renderRoot.querySelector('pf-invoice-list')?.reload();
    this.renderRoot.querySelector('pf-payment-list')?.reload();
    this.requestUpdate();
  };

  /** « Mes réservations »: the family's booking requests (loaded again each time the tab opens). */
  renderReservationSection(): TemplateResult {
    return html`<pf-reservation-list
      part="reservations"
      hide-heading
      heading-level=${this.headingLevel + 2}
      lang=${this.locale}
      theme=${this.theme ?? nothing}
    ></pf-reservation-list>`;
  }

  /** « Documents »: menus, plannings and forms for the family, and « Télécharger mes données ». */
  renderDocumentsSection(): TemplateResult {
    return html`<pf-documents
      part="documents"
      hide-heading
      heading-level=${this.headingLevel + 2}
      lang=${this.locale}
      theme=${this.theme ?? nothing}
    ></pf-documents>`;
  }

  #select(id: string): void {
    this.#section = id;
    this.#focus.focusLater('section-heading');
    this.requestUpdate();
  }

  /** « Ma famille »: the family file, direct edits, change requests (`<pf-family-profile>`). */
  renderFamilySection(): TemplateResult {
    return html`<pf-family-profile
      part="family"
      heading-level=${this.headingLevel + 2}
      lang=${this.locale}
      theme=${this.theme ?? nothing}
    ></pf-family-profile>`;
  }

  readonly #onLogin = (): void => {
    this.#visited.clear();
    this.#section = sections[0]?.id ?? 'family';
    this.#focus.focusLater('section-heading');
  };

  readonly #onLogout = async (): Promise<void> => {
    if (!(await this.signOut())) return;
    this.#focus.focusLater('portal-heading');
    this.requestUpdate();
  };
}

defineElement('pf-portal', PfPortal);

declare global {
  interface HTMLElementTagNameMap {
    'pf-portal': PfPortal;
  }
}
