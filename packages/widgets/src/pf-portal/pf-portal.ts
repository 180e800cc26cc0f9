import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import type { CommunePublic, Family, Me, PortailClient } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { clientContext } from '../core/client-context.js';
import { getCommuneInfo } from '../core/client-registry.js';
import { defineElement } from '../core/define.js';
import { bannerTemplate, heading } from '../core/fragments.js';
import { formatCivilDate, type Translation } from '../core/i18n/index.js';
import { LinkTokenController } from '../core/link-token.js';
import { PfElement } from '../core/pf-element.js';
import { problemMessage } from '../core/problem-messages.js';
import { PfLogoutEvent } from '../events/pf-logout-event.js';
import '../pf-login/pf-login.js';
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
];

/**
 * @tag pf-portal
 * @summary The whole family portal in one element: the commune's header and banner, the
 * login when signed out, and the family's pages when signed in (« Ma famille » for now).
 * Widgets inside it share its SDK client through context.
 *
 * @event pf-login - Bubbles from the inner `<pf-login>` when the visitor signs in.
 * @event pf-logout - The visitor signed out (from the portal's header).
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Logo, commune name and the signed-in account.
 * @csspart logo - The commune's logo.
 * @csspart title - The portal's title.
 * @csspart banner - The commune's information or maintenance banner.
 * @csspart account - The « Connecté(e) en tant que » line.
 * @csspart logout - The sign-out button.
 * @csspart nav - The sections' navigation.
 * @csspart content - The current section.
 * @csspart card - A guardian's or a child's card.
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
  #section = 'family';
  #focusTarget: string | null = null;

  /** Opened from an emailed link while signed in: end that session so the link works. */
  readonly #link = new LinkTokenController(this, () => this.dispatchEvent(new PfLogoutEvent()));

  readonly #commune = new Task(this, {
    task: async ([client]: readonly [PortailClient | undefined]) => {
      if (!client) throw new Error('pf-portal: no commune configured');
      try {
        return await getCommuneInfo(client);
      } catch (error) {
        this.emitError(error);
        throw error;
      }
    },
    args: () => [this.client] as const,
  });

  readonly #family = new Task(this, {
    task: async ([client, accountId, kind]: readonly [PortailClient | undefined, string | undefined, string | undefined]) => {
      if (!client || !accountId || kind !== 'guardian') return null;
      try {
        return await client.getMyFamily();
      } catch (error) {
        this.emitError(error);
        throw error;
      }
    },
    args: () => [this.client, this.session.account?.id, this.session.account?.kind] as const,
  });

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.#provider.value !== this.client) this.#provider.setValue(this.client);
  }

  /** Moves focus to `#id` once the next render has put it in the DOM. */
  #focusLater(id: string | null): void {
    this.#focusTarget = id;
    if (id) this.requestUpdate();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.#focusTarget) {
      const target = this.renderRoot.querySelector<HTMLElement>(`#${this.#focusTarget}`);
      if (target) {
        target.focus();
        this.#focusTarget = null;
      }
    }
  }

  override render(): TemplateResult {
    if (!this.client) return html`<div part="base" class="base"><p class="notice danger">${this.t.notConfigured}</p></div>`;
    return html`<div part="base" class="base">
      ${this.#commune.render({
        initial: () => this.#loading(),
        pending: () => this.#loading(),
        error: (error) => html`<div class="notice danger" role="alert">
          <p>${problemMessage(error, this.t)}</p>
          <button class="button secondary" type="button" @click=${() => void this.#commune.run()}>${this.t.retry}</button>
        </div>`,
        complete: (commune) => this.#ready(commune),
      })}
    </div>`;
  }

  #loading(): TemplateResult {
    return html`<p role="status">${this.t.loading}</p>`;
  }

  #ready(commune: CommunePublic): TemplateResult {
    const t = this.t;
    const account = this.session.account;
    return html`<header part="header" class="header">
        ${commune.logoUrl ? html`<img part="logo" class="logo" src=${commune.logoUrl} alt="" />` : nothing}
        <div class="title">${heading(this.headingLevel, t.portalTitle(commune.name), 'portal-heading')}</div>
        ${
          account && !this.#link.ending
            ? html`<div part="account" class="account">
              <span>${t.loggedInAs(account.displayName)}</span>
              <button class="button secondary" part="logout" type="button" @click=${this.#onLogout}>${t.signOut}</button>
            </div>`
            : nothing
        }
      </header>
      ${bannerTemplate(commune, t)}
      <div part="content" class="content">${this.#content(account)}</div>`;
  }

  #content(account: Me | null): TemplateResult {
    if (!this.session.ready || this.#link.ending) return this.#loading();
    if (!account) {
      return html`<pf-login
        part="login"
        exportparts="form: login-form, input: login-input, label: login-label, submit: login-submit, link: login-link, error: login-error, status: login-status, heading: login-heading"
        hide-banner
        heading-level=${this.headingLevel + 1}
        lang=${this.locale}
        theme=${this.theme ?? nothing}
        @pf-login=${this.#onLogin}
      ></pf-login>`;
    }
    if (account.kind !== 'guardian') {
      return html`<p class="notice info" part="staff-notice">${this.t.staffNotice}</p>`;
    }
    const current = sections.find((section) => section.id === this.#section) ?? sections[0];
    if (!current) return html``;
    return html`<nav part="nav" class="nav" aria-label=${this.t.sectionsLabel}>
        <ul>
          ${sections.map(
            (section) =>
              html`<li>
                <button
                  type="button"
                  class="nav-item"
                  aria-current=${section === current ? 'page' : nothing}
                  @click=${() => this.#select(section.id)}
                >
                  ${section.label(this.t)}
                </button>
              </li>`,
          )}
        </ul>
      </nav>
      <section class="section" aria-labelledby="section-heading">
        ${heading(this.headingLevel + 1, current.label(this.t), 'section-heading')} ${current.render(this, account)}
      </section>`;
  }

  #select(id: string): void {
    this.#section = id;
    this.#focusLater('section-heading');
    this.requestUpdate();
  }

  /** « Ma famille »: the dossier number, the guardians and the children. */
  renderFamilySection(): TemplateResult {
    return this.#family.render({
      initial: () => this.#loading(),
      pending: () => this.#loading(),
      error: (error) => html`<div class="notice danger" role="alert">
        <p>${problemMessage(error, this.t)}</p>
        <button class="button secondary" type="button" @click=${() => void this.#family.run()}>${this.t.retry}</button>
      </div>`,
      complete: (family) => (family ? this.#familyTemplate(family) : html``),
    });
  }

  #familyTemplate(family: Family): TemplateResult {
    const t = this.t;
    const sub = this.headingLevel + 2;
    const { address } = family;
    return html`<p part="family-number" class="family-number">${t.familyNumber(family.number)}</p>
      <p class="address">
        <span class="label">${t.address}&nbsp;:</span>
        ${address.line1}${address.line2 ? html`, ${address.line2}` : nothing}, ${address.postalCode} ${address.city}
      </p>
      ${heading(sub, t.guardians)}
      <ul class="cards">
        ${family.guardians.map(
          (g) => html`<li part="card" class="card">
            <p class="name">${g.firstName} ${g.lastName}</p>
            <p>${t.relation[g.relation]}</p>
            <p>${g.email}${g.phone ? html`<br />${g.phone}` : nothing}</p>
          </li>`,
        )}
      </ul>
      ${heading(sub, t.children)}
      ${
        family.children.length === 0
          ? html`<p>${t.noChildren}</p>`
          : html`<ul class="cards">
            ${family.children.map(
              (c) => html`<li part="card" class="card">
                <p class="name">${c.firstName} ${c.lastName}</p>
                <dl>
                  <dt>${t.birthDate}</dt>
                  <dd><time datetime=${c.birthDate}>${formatCivilDate(c.birthDate, t)}</time></dd>
                  <dt>${t.school}</dt>
                  <dd>${c.school ?? t.notProvided}</dd>
                  <dt>${t.grade}</dt>
                  <dd>${c.grade ?? t.notProvided}</dd>
                </dl>
              </li>`,
            )}
          </ul>`
      }`;
  }

  readonly #onLogin = (): void => {
    this.#section = sections[0]?.id ?? 'family';
    this.#focusLater('section-heading');
  };

  readonly #onLogout = async (): Promise<void> => {
    const client = this.client;
    if (!client) return;
    try {
      await client.logout();
    } catch (error) {
      this.emitError(error);
    }
    this.#focusLater('portal-heading');
    this.requestUpdate();
    this.dispatchEvent(new PfLogoutEvent());
  };
}

defineElement('pf-portal', PfPortal);

declare global {
  interface HTMLElementTagNameMap {
    'pf-portal': PfPortal;
  }
}
