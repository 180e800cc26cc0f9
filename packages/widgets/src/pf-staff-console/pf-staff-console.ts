import { ContextProvider } from '@lit/context';
import type { Banner, CommunePublic, Family, FamilySummary, Me } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { clientContext } from '../core/client-context.js';
import { communeHeader } from '../core/commune-header.js';
import { CommuneTask } from '../core/commune-task.js';
import { defineElement } from '../core/define.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { childCards, embeddedLogin, heading, loadingTemplate, retryNotice } from '../core/fragments.js';
import { LinkTokenController } from '../core/link-token.js';
import { PfElement } from '../core/pf-element.js';
import { problemCode } from '../core/problem-messages.js';
import type { Guardian } from '../core/types.js';
import { PfLogoutEvent } from '../events/pf-logout-event.js';
import '../pf-login/pf-login.js';
import { accountState } from './account-state.js';
import { AttendanceController } from './attendance.js';
import { BillingController } from './billing.js';
import { ClosuresController } from './closures.js';
import { CommuneLogoController } from './commune-logo.js';
import { FamilyFormController } from './family-form.js';
import { PaymentsController } from './payments.js';
import { PendingBookingsController } from './pending-bookings.js';
import { styles } from './pf-staff-console.styles.js';
import { staffProblemMessage } from './staff-problems.js';

type Section = 'families' | 'pending' | 'attendance' | 'new-family' | 'banner' | 'logo' | 'closures' | 'billing' | 'payments';
type AccountAction = 'create' | 'resend' | 'unlock';

const PAGE_SIZE = 20;
const IDENTIFIER = /^[a-z0-9][a-z0-9._-]{2,49}$/;
const BANNER_MAX = 500;

/** What the signed-in staff member may do, from their roles. */
interface Abilities {
  /** Create families and guardians' accounts, resend links, unlock, handle booking requests (admin, agent). */
  manage: boolean;
  /** Set or remove the commune's banner and the logo on its documents (admin). */
  banner: boolean;
  /** Bill, issue credit notes, record and settle payments (admin, billing). */
  billing: boolean;
}

function abilitiesOf(account: Me): Abilities {
  const roles = account.roles;
  return {
    manage: roles.includes('admin') || roles.includes('agent'),
    banner: roles.includes('admin'),
    billing: roles.includes('admin') || roles.includes('billing'),
  };
}

/** A message shown in one guardian's card, after an action on their account. */
interface GuardianMessage {
  guardianId: string;
  kind: 'success' | 'error';
  text: string;
}

/**
 * @tag pf-staff-console
 * @summary A small back office for the commune's child services: find a family, read its
 * file and its guardians' portal accounts, create an account, send the activation link
 * again, unlock an account, create a family, accept or refuse the pending booking requests
 * (« Demandes à traiter »), take the register of a day's activity (« Présences »), manage the closures (« Fermetures »: the server cancels the
 * bookings of closed days and tells the families), set the information banner and the logo drawn on invoices, credit notes
 * and receipts (admins); for the billing staff, bill a month and issue credit notes (« Facturation »), record desk
 * payments, settle the online payments flagged for staff and read the collection report (« Encaissements »).
 * Signed out, it shows `<pf-login>` (staff sign in like parents).
 *
 * @event pf-login - Bubbles from the inner `<pf-login>` when a staff member signs in.
 * @event pf-logout - The staff member signed out (from the console's header).
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Title and the signed-in account.
 * @csspart title - The console's title.
 * @csspart account - The « Connecté(e) en tant que » line.
 * @csspart logout - The sign-out button.
 * @csspart nav - The sections' navigation.
 * @csspart content - The current section.
 * @csspart search - The family search form.
 * @csspart family-list - The list of families found.
 * @csspart family - One family of the list (a button).
 * @csspart card - A guardian's or a child's card.
 * @csspart account-state - A guardian's account state.
 * @csspart pending-box - The box of the pending requests' table (scrolls when narrow).
 * @csspart pending-table - The table of the pending requests.
 * @csspart attendance-box - The box of the register's table (scrolls when narrow).
 * @csspart attendance-table - The register (« l'appel »): each expected child, present or absent.
 * @csspart closures-box - The box of the closures' table (scrolls when narrow).
 * @csspart closures-table - The table of the coming closures.
 * @csspart logo - The current logo on documents (« Logo des documents »).
 * @csspart invoices-box - The box of the invoices' table (scrolls when narrow).
 * @csspart lines-box - The box of an invoice's lines.
 * @csspart payments-box - The box of the payments' table.
 * @csspart report-box - The box of the collection report.
 * @csspart invoices-table - The commune's invoices (« Facturation »).
 * @csspart lines-table - The lines of one invoice.
 * @csspart payments-table - The commune's payments (« Encaissements »).
 * @csspart report-table - The collection report, by means of payment.
 * @csspart flag - « À vérifier » on a payment flagged for staff.
 * @csspart settle - The panel where staff settle a flagged payment.
 * @csspart family-credit - A family's credit, in the desk payment form.
 * @csspart form - Each form.
 * @csspart label - Field labels.
 * @csspart input - Inputs and selects.
 * @csspart hint - Help below a field.
 * @csspart field-error - The message tied to a field.
 * @csspart submit - The main button of a form.
 * @csspart status - Confirmations (polite live regions).
 * @csspart error - Error messages (alert live regions).
 * @csspart login - The inner `<pf-login>` (its parts are exported as `login-…`).
 *
 * @cssproperty --pf-color-primary - Buttons, links, current section. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-on-primary - Text on primary buttons.
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-text-muted - Hints.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-surface-alt - Header and list rows background.
 * @cssproperty --pf-color-border - Borders of inputs and cards.
 * @cssproperty --pf-color-danger - Errors and locked accounts.
 * @cssproperty --pf-color-success - Confirmations and active accounts.
 * @cssproperty --pf-color-warning - Accounts waiting for activation.
 * @cssproperty --pf-color-focus - Focus ring.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 */
export class PfStaffConsole extends PfElement {
  static override styles = styles;

  /** Level of the console's title (2 by default); sections use the next levels. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  readonly #provider = new ContextProvider(this, { context: clientContext });
  readonly #link = new LinkTokenController(this, () => this.dispatchEvent(new PfLogoutEvent()));
  readonly #form = new FamilyFormController(this, {
    onCreated: (family) => this.#onFamilyCreated(family),
    onError: (error) => this.emitError(error),
  });
  readonly #pending = new PendingBookingsController(this, { onError: (error) => this.emitError(error) });
  readonly #closures = new ClosuresController(this, { onError: (error) => this.emitError(error) });
  readonly #logo = new CommuneLogoController(this, { onError: (error) => this.emitError(error) });
  readonly #attendance = new AttendanceController(this, { onError: (error) => this.emitError(error) });
  readonly #billing = new BillingController(this, { onError: (error) => this.emitError(error) });
  readonly #payments = new PaymentsController(this, { onError: (error) => this.emitError(error) });

  @state() private section: Section = 'families';
  /** Polite announcements of the console (list results, family created…). */
  @state() private notice = '';

  // families
  @state() private query = '';
  @state() private searched = '';
  @state() private families: FamilySummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private listState: 'idle' | 'loading' | 'more' | 'done' | 'error' = 'idle';
  @state() private listError: unknown = null;

  // one family
  @state() private familyId: string | null = null;
  @state() private family: Family | null = null;
  @state() private familyError: unknown = null;
  @state() private guardianMessage: GuardianMessage | null = null;
  @state() private identifiers: Record<string, string> = {};
  @state() private identifierErrors: Record<string, string> = {};
  @state() private busyAction: string | null = null;

  // banner
  @state() private banner: Banner | null | undefined = undefined;
  @state() private bannerError: unknown = null;
  @state() private bannerKind: Banner['kind'] = 'info';
  @state() private bannerMessage = '';
  @state() private bannerFieldError = '';
  @state() private bannerNotice = '';
  @state() private bannerBusy: 'publish' | 'clear' | null = null;

  #accountId: string | undefined;
  #bannerPending = false;
  #listGeneration = 0;
  #familyGeneration = 0;
  readonly #focus = new FocusAfterRenderController(this);
  readonly #commune = new CommuneTask(this, (error) => this.emitError(error));

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.#provider.value !== this.client) this.#provider.setValue(this.client);
    const accountId = this.session.account?.id;
    if (accountId !== this.#accountId) {
      this.#accountId = accountId;
      this.#resetAll();
    }
    // Load what the section shows (state set here joins this update rather than starting another).
    const account = this.session.account;
    if (account?.kind === 'staff' && this.session.ready && !this.#link.ending) {
      if (this.section === 'families' && this.listState === 'idle') void this.#loadFamilies(false);
      if (this.section === 'pending' && this.#pending.needsLoad && abilitiesOf(account).manage) void this.#pending.load();
      if (this.section === 'closures' && this.#closures.needsLoad && abilitiesOf(account).manage) void this.#closures.load();
      if (this.section === 'attendance' && this.#attendance.needsLoad && abilitiesOf(account).manage) void this.#attendance.load();
      if (this.section === 'logo' && this.#logo.needsLoad && abilitiesOf(account).banner) void this.#logo.load();
      if (this.section === 'billing' && this.#billing.needsLoad && abilitiesOf(account).billing) void this.#billing.load();
      if (this.section === 'payments' && this.#payments.needsLoad && abilitiesOf(account).billing) void this.#payments.load();
      if (this.section === 'banner' && this.banner === undefined && this.bannerError === null && !this.#bannerPending)
        void this.#loadBanner();
    }
  }

  /** A new person signed in (or out): nothing of the previous one stays on screen. */
  #resetAll(): void {
    this.section = 'families';
    this.notice = '';
    this.query = '';
    this.searched = '';
    this.families = [];
    this.nextCursor = null;
    this.listState = 'idle';
    this.listError = null;
    this.#listGeneration += 1;
    this.#closeFamily();
    this.banner = undefined;
    this.bannerError = null;
    this.bannerNotice = '';
    this.bannerFieldError = '';
    this.#form.reset();
    this.#pending.reset();
    this.#closures.reset();
    this.#attendance.reset();
    this.#logo.reset();
    this.#billing.reset();
    this.#payments.reset();
  }

  #closeFamily(): void {
    this.familyId = null;
    this.family = null;
    this.familyError = null;
    this.guardianMessage = null;
    this.identifiers = {};
    this.identifierErrors = {};
    this.#familyGeneration += 1;
  }

  // --- rendering ---------------------------------------------------------------------

  override render(): TemplateResult {
    return this.#commune.render(this.t, (commune) => this.#ready(commune));
  }

  #loading(): TemplateResult {
    return loadingTemplate(this.t);
  }

  #ready(commune: CommunePublic): TemplateResult {
    const t = this.t;
    const account = this.#link.ending ? null : this.session.account;
    return html`${communeHeader({
      commune,
      t,
      title: t.staff.consoleTitle(commune.name),
      headingLevel: this.headingLevel,
      headingId: 'console-heading',
      account,
      onLogout: this.#onLogout,
      titlePart: true,
    })}
      <div part="content" class="content">${this.#content(account)}</div>`;
  }

  #content(account: Me | null): TemplateResult {
    const t = this.t;
    if (!this.session.ready || this.#link.ending) return this.#loading();
    if (!account) {
      return embeddedLogin({
        headingLevel: this.headingLevel + 1,
        lang: this.locale,
        theme: this.theme,
        onLogin: this.#onLogin,
        audience: 'staff',
      });
    }
    if (account.kind !== 'staff') return html`<p class="notice info" part="guardian-notice">${t.staff.guardianNotice}</p>`;
    if (account.roles.length === 0) return html`<p class="notice info">${t.staff.noStaffRole}</p>`;
    const can = abilitiesOf(account);
    const families = { id: 'families' as const, label: t.staff.families };
    const sections: { id: Section; label: string }[] = [
      families,
      ...(can.manage ? [{ id: 'pending' as const, label: t.staff.pendingBookings }] : []),
      ...(can.manage ? [{ id: 'attendance' as const, label: t.staff.attendance }] : []),
      ...(can.manage ? [{ id: 'new-family' as const, label: t.staff.newFamily }] : []),
      ...(can.manage ? [{ id: 'closures' as const, label: t.staff.closures }] : []),
      ...(can.billing ? [{ id: 'billing' as const, label: t.staffBilling.billing }] : []),
      ...(can.billing ? [{ id: 'payments' as const, label: t.staffPayments.payments }] : []),
      ...(can.banner ? [{ id: 'banner' as const, label: t.staff.banner }] : []),
      ...(can.banner ? [{ id: 'logo' as const, label: t.staff.logo }] : []),
    ];
    const current = sections.find((s) => s.id === this.section) ?? families;
    return html`<nav part="nav" class="nav" aria-label=${t.staff.sectionsLabel}>
        <ul>
          ${sections.map(
            (s) => html`<li>
              <button type="button" class="nav-item" aria-current=${s.id === current.id ? 'page' : nothing} @click=${() => this.#select(s.id)}>
                ${s.label}
              </button>
            </li>`,
          )}
        </ul>
      </nav>
      <p id="status" part="status" role="status" class="notice success">${this.notice}</p>
      <section class="section" aria-labelledby="section-heading">
        ${heading(this.headingLevel + 1, current.label, 'section-heading')}
        ${
          current.id === 'families'
            ? this.familyId
              ? this.#familyDetail(can)
              : this.#familyList()
            : current.id === 'pending'
              ? this.#pending.render(t)
              : current.id === 'attendance'
                ? this.#attendance.render(t)
                : current.id === 'new-family'
                  ? this.#form.render(t, this.headingLevel + 2)
                  : current.id === 'closures'
                    ? this.#closures.render(t, this.headingLevel + 2)
                    : current.id === 'logo'
                      ? this.#logo.render(t)
                      : current.id === 'billing'
                        ? this.#billing.render(t, this.headingLevel + 2)
                        : current.id === 'payments'
                          ? this.#payments.render(t, this.headingLevel + 2)
                          : this.#bannerSection()
        }
      </section>`;
  }

  #select(section: Section): void {
    if (section === this.section && !(section === 'families' && this.familyId)) {
      this.#focus.focusLater('section-heading');
      return;
    }
    this.section = section;
    this.notice = '';
    if (section === 'families') this.#closeFamily();
    if (section === 'pending') this.#pending.reset();
    if (section === 'closures') this.#closures.reset();
    if (section === 'attendance') this.#attendance.reset();
    if (section === 'logo') this.#logo.reset();
    if (section === 'billing') this.#billing.reset();
    if (section === 'payments') this.#payments.reset();
    if (section === 'banner') {
      this.banner = undefined;
      this.bannerError = null;
      this.bannerNotice = '';
    }
    this.#focus.focusLater('section-heading');
  }

  // --- families ----------------------------------------------------------------------

  #familyList(): TemplateResult {
    const t = this.t;
    const s = t.staff;
    const loading = this.listState === 'loading';
    return html`<form part="search" class="search" role="search" novalidate @submit=${this.#onSearch}>
        <div class="field">
          <label for="search" part="label">${s.searchLabel}</label>
          <p id="search-hint" part="hint" class="hint">${s.searchHint}</p>
          <div class="search-row">
            <input
              id="search"
              part="input"
              type="search"
              maxlength="100"
              autocomplete="off"
              aria-describedby="search-hint"
              .value=${live(this.query)}
              @input=${(event: Event) => (this.query = (event.target as HTMLInputElement).value)}
            />
            <button class="button" type="submit" ?disabled=${loading}>${s.searchSubmit}</button>
          </div>
        </div>
        ${this.searched ? html`<button class="link-button" type="button" @click=${this.#showAll}>${s.searchAll}</button>` : nothing}
      </form>
      <p id="list-status" role="status" class="list-status">${this.#listStatus()}</p>
      ${
        this.listState === 'error'
          ? retryNotice(staffProblemMessage(this.listError, t), t, () => void this.#loadFamilies(this.families.length > 0), 'error')
          : nothing
      }
      ${
        this.families.length > 0
          ? html`<ul part="family-list" class="family-list" aria-label=${s.familyListLabel}>
            ${repeat(
              this.families,
              (f) => f.id,
              (f) => html`<li>
                <button id="family-${f.id}" part="family" class="family-row" type="button" @click=${() => this.#openFamily(f.id)}>
                  <span class="family-number">${f.number}</span><span class="visually-hidden">, </span>
                  <span class="family-guardians"
                    >${f.guardians.length ? f.guardians.map((g) => `${g.firstName} ${g.lastName}`).join(', ') : s.noGuardian}</span
                  ><span class="visually-hidden">, </span>
                  <span class="family-children">${s.childCount(f.childCount)}</span>
                </button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      ${
        this.nextCursor && this.listState !== 'error'
          ? html`<button class="button secondary more" type="button" ?disabled=${this.listState === 'more'} @click=${() => void this.#loadFamilies(true)}>
            ${this.listState === 'more' ? s.loadingMore : s.moreFamilies}
          </button>`
          : nothing
      }`;
  }

  #listStatus(): string {
    const s = this.t.staff;
    if (this.listState === 'loading' || this.listState === 'idle') return this.t.loading;
    if (this.listState !== 'done') return '';
    if (this.families.length === 0) return this.searched ? s.noFamilyMatching(this.searched) : s.noFamily;
    return s.familyCount(this.families.length, this.nextCursor !== null);
  }

  readonly #onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    this.searched = this.query.trim();
    void this.#loadFamilies(false);
  };

  readonly #showAll = (): void => {
    this.query = '';
    this.searched = '';
    void this.#loadFamilies(false);
    this.#focus.focusLater('search');
  };

  /** The first page for the current search, or the next page appended (« Voir plus »). */
  async #loadFamilies(more: boolean): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = ++this.#listGeneration;
    const cursor = more ? this.nextCursor : null;
    this.listState = more ? 'more' : 'loading';
    this.listError = null;
    if (!more) {
      this.families = [];
      this.nextCursor = null;
    }
    try {
      const page = await client.listFamilies({
        ...(this.searched ? { q: this.searched } : {}),
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      if (generation !== this.#listGeneration) return;
      const firstNew = page.items[0];
      this.families = more
        ? [...this.families, ...page.items.filter((f) => !this.families.some((known) => known.id === f.id))]
        : page.items;
      this.nextCursor = page.nextCursor ?? null;
      this.listState = 'done';
      // « Voir plus »: the reader continues from the first family just added.
      if (more && firstNew) this.#focus.focusLater(`family-${firstNew.id}`);
    } catch (error) {
      if (generation !== this.#listGeneration) return;
      this.listError = error;
      this.listState = 'error';
      this.emitError(error);
    }
  }

  #openFamily(familyId: string): void {
    this.#closeFamily();
    this.familyId = familyId;
    this.notice = '';
    void this.#loadFamily(familyId, 'family-heading');
  }

  readonly #backToList = (): void => {
    const id = this.familyId;
    this.#closeFamily();
    this.notice = '';
    if (id && this.families.some((f) => f.id === id)) this.#focus.focusLater(`family-${id}`);
    else this.#focus.focusLater('search');
  };

  /** Loads (or reloads, keeping the shown file and its messages) one family. */
  async #loadFamily(familyId: string, focus?: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = ++this.#familyGeneration;
    this.familyError = null;
    try {
      const family = await client.getFamily(familyId);
      if (generation !== this.#familyGeneration) return;
      this.family = family;
      if (focus) this.#focus.focusLater(focus);
    } catch (error) {
      if (generation !== this.#familyGeneration) return;
      this.familyError = error;
      this.emitError(error);
      if (focus) this.#focus.focusLater('family-error');
    }
  }

  #familyDetail(can: Abilities): TemplateResult {
    const t = this.t;
    const back = html`<button class="link-button back" type="button" @click=${this.#backToList}>${t.staff.backToList}</button>`;
    if (this.familyError !== null && !this.family) {
      return html`${back}
        <div id="family-error" tabindex="-1" class="notice danger" role="alert" part="error">
          <p>${staffProblemMessage(this.familyError, t)}</p>
          <button class="button secondary" type="button" @click=${() => this.familyId && void this.#loadFamily(this.familyId, 'family-heading')}>
            ${t.retry}
          </button>
        </div>`;
    }
    const family = this.family;
    if (!family) return html`${back}${this.#loading()}`;
    const sub = this.headingLevel + 3;
    const { address } = family;
    return html`${back}
      <article class="family" aria-labelledby="family-heading">
        ${heading(this.headingLevel + 2, t.familyNumber(family.number), 'family-heading')}
        <dl class="facts">
          <dt>${t.address}</dt>
          <dd>${address.line1}${address.line2 ? html`<br />${address.line2}` : nothing}<br />${address.postalCode} ${address.city}</dd>
          <dt>${t.staff.quotientFamilial}</dt>
          <dd>${family.quotientFamilial ?? t.notProvided}</dd>
        </dl>
        ${heading(sub, t.guardians)}
        <ul class="cards">
          ${repeat(
            family.guardians,
            (g) => g.id,
            (g) => html`<li part="card" class="card">${this.#guardianCard(g, can, sub + 1)}</li>`,
          )}
        </ul>
        ${heading(sub, t.children)}
        ${family.children.length === 0 ? html`<p>${t.staff.childCount(0)}</p>` : childCards(family.children, t)}
      </article>`;
  }

  #guardianCard(g: Guardian, can: Abilities, level: number): TemplateResult {
    const t = this.t;
    const s = t.staff;
    const account = g.account ?? null;
    const st = accountState(account, t);
    const nameId = `guardian-${g.id}-name`;
    const message = this.guardianMessage?.guardianId === g.id ? this.guardianMessage : null;
    const busy = this.busyAction;
    const busyHere = (action: AccountAction): boolean => busy === `${g.id}:${action}`;
    return html`<div class="guardian" role="group" aria-labelledby=${nameId}>
      ${heading(level, `${g.firstName} ${g.lastName}`, nameId)}
      <p>${t.relation[g.relation]}</p>
      <p class="contact-lines">${g.email}${g.phone ? html`<br />${g.phone}` : nothing}</p>
      <p class="account-line">
        <span class="label">${`${s.portalAccount}${t.locale === 'fr' ? '\u00a0:' : ':'}`}</span>
        <span part="account-state" class="account-state ${st.lockedUntil ? 'locked' : st.kind}" data-state=${st.lockedUntil ? 'locked' : st.kind}
          >${st.label}</span
        >
        ${account ? html`<br /><span class="identifier">${s.accountIdentifier(account.identifier)}</span>` : nothing}
      </p>
      <p role="status" part="status" class="notice success" id="guardian-${g.id}-status">${message?.kind === 'success' ? message.text : nothing}</p>
      <div role="alert" part="error" class="notice danger" id="guardian-${g.id}-alert">${message?.kind === 'error' ? html`<p>${message.text}</p>` : nothing}</div>
      ${can.manage && st.canCreate ? this.#createAccountForm(g, busyHere('create')) : nothing}
      ${
        can.manage && (st.canResend || st.canUnlock)
          ? html`<div class="card-actions">
            ${
              st.canUnlock
                ? html`<button class="button" type="button" ?disabled=${busy !== null} @click=${() => void this.#accountAction(g, 'unlock')}>
                  ${busyHere('unlock') ? s.unlocking : s.unlockAccount}
                </button>`
                : nothing
            }
            ${
              st.canResend
                ? html`<button class="button secondary" type="button" ?disabled=${busy !== null} @click=${() => void this.#accountAction(g, 'resend')}>
                  ${busyHere('resend') ? s.resending : s.resendActivation}
                </button>`
                : nothing
            }
          </div>`
          : nothing
      }
    </div>`;
  }

  #createAccountForm(g: Guardian, busy: boolean): TemplateResult {
    const s = this.t.staff;
    const id = `identifier-${g.id}`;
    const error = this.identifierErrors[g.id];
    return html`<form part="form" class="account-form" novalidate @submit=${(event: SubmitEvent) => this.#onCreateAccount(event, g)}>
      <div class="field">
        <label for=${id} part="label">${s.optionalIdentifier}</label>
        <p id="${id}-hint" part="hint" class="hint">${s.identifierHint}</p>
        <input
          id=${id}
          part="input"
          type="text"
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
          maxlength="50"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"
          .value=${live(this.identifiers[g.id] ?? '')}
          @input=${(event: Event) => {
            this.identifiers = { ...this.identifiers, [g.id]: (event.target as HTMLInputElement).value };
          }}
        />
        ${error ? html`<p id="${id}-error" part="field-error" class="field-error">${error}</p>` : nothing}
      </div>
      <button class="button" part="submit" type="submit" ?disabled=${this.busyAction !== null}>${busy ? s.creatingAccount : s.createAccount}</button>
    </form>`;
  }

  #onCreateAccount(event: SubmitEvent, g: Guardian): void {
    event.preventDefault();
    const identifier = (this.identifiers[g.id] ?? '').trim();
    if (identifier !== '' && !IDENTIFIER.test(identifier)) {
      this.identifierErrors = { ...this.identifierErrors, [g.id]: this.t.staff.identifierInvalid };
      this.guardianMessage = null;
      this.#focus.focusLater(`identifier-${g.id}`);
      return;
    }
    void this.#accountAction(g, 'create', identifier || undefined);
  }

  /** Runs one account action, says what happened in the guardian's card, reloads the family. */
  async #accountAction(g: Guardian, action: AccountAction, identifier?: string): Promise<void> {
    const client = this.client;
    const family = this.family;
    if (!client || !family || this.busyAction !== null) return;
    const s = this.t.staff;
    this.busyAction = `${g.id}:${action}`;
    this.guardianMessage = null;
    this.identifierErrors = { ...this.identifierErrors, [g.id]: '' };
    let text: string;
    try {
      if (action === 'create') {
        const account = await client.createGuardianAccount(g.id, identifier);
        text = s.accountCreated(account.identifier, account.email);
        const { [g.id]: _typed, ...rest } = this.identifiers;
        this.identifiers = rest;
      } else if (!g.account) {
        throw new Error('resend and unlock are offered only for a guardian with an account');
      } else if (action === 'resend') {
        const account = await client.resendActivation(g.account.id);
        text = s.activationResent(account.email);
      } else {
        await client.unlockAccount(g.account.id);
        text = s.accountUnlocked;
      }
      this.guardianMessage = { guardianId: g.id, kind: 'success', text };
      await this.#loadFamily(family.id);
      this.#focus.focusLater(`guardian-${g.id}-name`);
    } catch (error) {
      this.emitError(error);
      const code = problemCode(error);
      const message = staffProblemMessage(error, this.t);
      if (action === 'create' && (code === 'identifier_taken' || code === 'validation_failed')) {
        this.identifierErrors = { ...this.identifierErrors, [g.id]: code === 'identifier_taken' ? message : s.identifierInvalid };
        this.#focus.focusLater(`identifier-${g.id}`);
      } else {
        this.guardianMessage = { guardianId: g.id, kind: 'error', text: message };
        // The state on screen was out of date: show the real one.
        if (code === 'account_exists' || code === 'account_already_active' || code === 'not_found') await this.#loadFamily(family.id);
        this.#focus.focusLater(`guardian-${g.id}-name`);
      }
    } finally {
      this.busyAction = null;
    }
  }

  #onFamilyCreated(family: Family): void {
    const summary: FamilySummary = {
      id: family.id,
      number: family.number,
      guardians: family.guardians.map((g) => ({ id: g.id, firstName: g.firstName, lastName: g.lastName })),
      childCount: family.children.length,
    };
    // The list reloads next time; until then the new family heads it.
    this.families = [summary, ...this.families.filter((f) => f.id !== family.id)];
    this.listState = 'idle';
    this.section = 'families';
    this.#closeFamily();
    this.familyId = family.id;
    this.family = family;
    this.notice = this.t.staff.familyCreated(family.number);
    this.#focus.focusLater('family-heading');
  }

  // --- banner ------------------------------------------------------------------------

  async #loadBanner(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.bannerError = null;
    this.#bannerPending = true;
    try {
      // Not the page-wide cached copy: the banner may have changed since the page loaded.
      const commune = await client.getCommune();
      this.banner = commune.banner ?? null;
      if (commune.banner) {
        this.bannerKind = commune.banner.kind;
        this.bannerMessage = commune.banner.message;
      }
    } catch (error) {
      this.bannerError = error;
      this.emitError(error);
    } finally {
      this.#bannerPending = false;
    }
  }

  #bannerSection(): TemplateResult {
    const t = this.t;
    const s = t.staff;
    const error = this.bannerFieldError;
    const sub = this.headingLevel + 2;
    let current: TemplateResult;
    if (this.bannerError !== null && this.banner === undefined) {
      current = retryNotice(staffProblemMessage(this.bannerError, t), t, () => void this.#loadBanner(), 'error');
    } else if (this.banner === undefined) {
      current = this.#loading();
    } else if (this.banner === null) {
      current = html`<p>${s.noBanner}</p>`;
    } else {
      const b = this.banner;
      current = html`<div class="notice ${b.kind === 'maintenance' ? 'warning' : 'info'}" data-kind=${b.kind}>
          <p><strong>${b.kind === 'maintenance' ? t.bannerMaintenance : t.bannerInfo}&nbsp;:</strong> ${b.message}</p>
        </div>
        <p class="hint">${s.bannerUpdated(s.dateTime(new Date(b.updatedAt)))}</p>`;
    }
    return html`<p>${s.bannerIntro}</p>
      ${heading(sub, s.currentBanner)} ${current}
      <p id="banner-status" role="status" part="status" class="notice success">${this.bannerNotice}</p>
      <div id="banner-alert" role="alert" part="error" class="notice danger">${
        this.bannerError !== null && this.banner !== undefined ? html`<p>${staffProblemMessage(this.bannerError, t)}</p>` : nothing
      }</div>
      <form part="form" class="banner-form" novalidate @submit=${this.#onPublish}>
        <fieldset class="choices">
          <legend>${s.bannerKind}</legend>
          ${(['info', 'maintenance'] as const).map(
            (kind) => html`<div class="check">
              <input
                type="radio"
                id="banner-kind-${kind}"
                name="banner-kind"
                value=${kind}
                .checked=${live(this.bannerKind === kind)}
                @change=${() => (this.bannerKind = kind)}
              />
              <label for="banner-kind-${kind}">${kind === 'info' ? t.bannerInfo : t.bannerMaintenance}</label>
            </div>`,
          )}
        </fieldset>
        <div class="field">
          <label for="banner-message" part="label">${s.bannerMessage}</label>
          <p id="banner-message-hint" part="hint" class="hint">${s.bannerMessageHint(BANNER_MAX)}</p>
          <textarea
            id="banner-message"
            part="input"
            rows="3"
            required
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="banner-message-hint${error ? ' banner-message-error' : ''}"
            .value=${live(this.bannerMessage)}
            @input=${(event: Event) => (this.bannerMessage = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${error ? html`<p id="banner-message-error" part="field-error" class="field-error">${error}</p>` : nothing}
        </div>
        <div class="form-actions">
          <button class="button" part="submit" type="submit" ?disabled=${this.bannerBusy !== null}>
            ${this.bannerBusy === 'publish' ? s.publishing : s.publishBanner}
          </button>
          ${
            this.banner
              ? html`<button class="button secondary" type="button" ?disabled=${this.bannerBusy !== null} @click=${this.#onClearBanner}>
                ${this.bannerBusy === 'clear' ? s.clearing : s.clearBanner}
              </button>`
              : nothing
          }
        </div>
      </form>`;
  }

  readonly #onPublish = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const client = this.client;
    if (!client || this.bannerBusy) return;
    const s = this.t.staff;
    const message = this.bannerMessage.trim();
    this.bannerNotice = '';
    if (message === '' || message.length > BANNER_MAX) {
      this.bannerFieldError = message === '' ? s.bannerMessageRequired : s.bannerMessageTooLong(BANNER_MAX);
      this.#focus.focusLater('banner-message');
      return;
    }
    this.bannerFieldError = '';
    this.bannerBusy = 'publish';
    try {
      this.banner = await client.setBanner({ kind: this.bannerKind, message });
      this.bannerError = null;
      this.bannerNotice = s.bannerPublished;
    } catch (error) {
      this.bannerError = error;
      this.emitError(error);
    } finally {
      this.bannerBusy = null;
    }
  };

  readonly #onClearBanner = async (): Promise<void> => {
    const client = this.client;
    if (!client || this.bannerBusy) return;
    this.bannerNotice = '';
    this.bannerBusy = 'clear';
    try {
      await client.clearBanner();
      this.banner = null;
      this.bannerError = null;
      this.bannerMessage = '';
      this.bannerKind = 'info';
      this.bannerNotice = this.t.staff.bannerCleared;
      // The « Retirer » button is gone: keep the keyboard user in the form.
      this.#focus.focusLater('banner-message');
    } catch (error) {
      this.bannerError = error;
      this.emitError(error);
    } finally {
      this.bannerBusy = null;
    }
  };

  // --- session -----------------------------------------------------------------------

  readonly #onLogin = (): void => {
    this.#focus.focusLater('section-heading');
  };

  readonly #onLogout = async (): Promise<void> => {
    if (await this.signOut()) this.#focus.focusLater('console-heading');
  };
}

defineElement('pf-staff-console', PfStaffConsole);

declare global {
  interface HTMLElementTagNameMap {
    'pf-staff-console': PfStaffConsole;
  }
}
