import type { CommunePublic, PortailClient } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { CommuneTask } from '../core/commune-task.js';
import { defineElement } from '../core/define.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { bannerTemplate, contactTemplate, heading, loadingTemplate } from '../core/fragments.js';
import { type TokenKind, takeTokenFromUrl } from '../core/link-token.js';
import { PfElement } from '../core/pf-element.js';
import { problemCode, problemMessage } from '../core/problem-messages.js';
import { PfLoginEvent } from '../events/pf-login-event.js';
import { styles } from './pf-login.styles.js';

type View = 'login' | 'forgot' | 'forgot-sent' | 'password';
type Field = 'identifier' | 'password' | 'email' | 'new-password' | 'confirm-password';

const DEFAULT_MIN_LENGTH = 12;

/**
 * @tag pf-login
 * @summary Login for parents: sign in, forgotten identifier or password, account activation
 * and password reset from the emailed links (`#pf-activate=…`, `#pf-reset=…`), sign out.
 *
 * @event pf-login - A visitor signed in here. `event.detail.account` is the account (`Me`).
 * @event pf-logout - The visitor signed out here.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error (`error.code`).
 *
 * @csspart base - The wrapper of everything.
 * @csspart banner - The commune's information or maintenance banner.
 * @csspart heading - The heading of the current view.
 * @csspart status - Confirmations (polite live region).
 * @csspart error - Error messages (alert live region).
 * @csspart form - Each form.
 * @csspart label - Field labels.
 * @csspart input - Text and password inputs.
 * @csspart hint - Help below a field.
 * @csspart field-error - The message tied to a field.
 * @csspart submit - The main button of a form.
 * @csspart link - Secondary actions shown as links.
 * @csspart account - The « Connecté(e) en tant que » line.
 * @csspart logout - The sign-out button.
 * @csspart contact - The child services' contact.
 *
 * @cssproperty --pf-color-primary - Buttons, links and focus ring. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-on-primary - Text on primary buttons.
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-text-muted - Hints.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-surface-alt - Information banner background.
 * @cssproperty --pf-color-border - Input borders.
 * @cssproperty --pf-color-danger - Errors.
 * @cssproperty --pf-color-success - Confirmations.
 * @cssproperty --pf-color-warning - Maintenance banner.
 * @cssproperty --pf-color-focus - Focus ring.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-font-size - Base font size.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 * @cssproperty --pf-max-width - Maximum width of the forms.
 */
export class PfLogin extends PfElement {
  static override styles = styles;

  /** Level of the widget's headings (2 by default), to fit under the page's own headings. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Hides the commune's banner (e.g. when the page or `<pf-portal>` already shows it). */
  @property({ type: Boolean, attribute: 'hide-banner' }) hideBanner = false;

  /** `family` (default) or `staff`: only the sign-in heading changes (« Connexion à la console des agents »). */
  @property({ reflect: true }) audience: 'family' | 'staff' = 'family';

  @state() private view: View = 'login';
  @state() private tokenKind: TokenKind = 'activate';
  @state() private tokenDead = false;
  @state() private busy = false;
  @state() private identifier = '';
  @state() private showPassword = false;
  @state() private notice: string | null = null;
  @state() private problem: unknown = null;
  @state() private fieldErrors: Partial<Record<Field, string>> = {};

  #token: string | null = null;
  readonly #focus = new FocusAfterRenderController(this);
  readonly #commune = new CommuneTask(this, (error) => this.emitError(error));

  override connectedCallback(): void {
    super.connectedCallback();
    this.#takeToken();
    globalThis.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener('hashchange', this.#onHashChange);
  }

  readonly #onHashChange = (): void => this.#takeToken();

  #takeToken(): void {
    const found = takeTokenFromUrl();
    if (!found) return;
    this.#token = found.token;
    this.tokenKind = found.kind;
    this.tokenDead = false;
    this.#show('password', 'heading');
  }

  /** Switches view, clearing messages, and moves focus once it is rendered. */
  #show(view: View, focus: string | null = 'heading'): void {
    this.view = view;
    this.problem = null;
    this.notice = null;
    this.fieldErrors = {};
    this.#focus.focusLater(focus);
  }

  override render(): TemplateResult {
    return this.#commune.render(this.t, (commune) => this.#ready(commune), { loadingClass: 'loading', errorPart: 'error' });
  }

  #ready(commune: CommunePublic): TemplateResult {
    if (!this.session.ready) return loadingTemplate(this.t, 'loading');
    const account = this.session.account;
    const t = this.t;
    let title: string;
    let body: TemplateResult;
    if (this.view === 'password') {
      title = this.tokenKind === 'activate' ? t.activateHeading : t.resetHeading;
      body = this.#passwordView(commune);
    } else if (account) {
      title = t.loggedInAs(account.displayName);
      body = this.#accountView();
    } else if (this.view === 'forgot' || this.view === 'forgot-sent') {
      title = t.forgotHeading;
      body = this.view === 'forgot' ? this.#forgotView() : this.#forgotSentView();
    } else {
      title = this.audience === 'staff' ? t.staff.loginHeading : t.loginHeading;
      body = this.#loginView();
    }
    return html`${this.hideBanner ? nothing : bannerTemplate(commune, t)}
      <section class="panel" aria-labelledby="heading">
        ${heading(this.headingLevel, title, 'heading')}
        <div id="status" part="status" role="status" class="notice success">${this.notice ?? nothing}</div>
        <div id="alert" part="error" role="alert" class="notice danger">${this.#problemTemplate(commune)}</div>
        ${body}
      </section>`;
  }

  #problemTemplate(commune: CommunePublic): TemplateResult | typeof nothing {
    if (this.problem === null) return nothing;
    const t = this.t;
    const code = problemCode(this.problem);
    const message = html`<p>${problemMessage(this.problem, t)}</p>`;
    if (code === 'account_locked') return html`${message}<p>${t.accountLockedWayOut}</p>${contactTemplate(commune, t)}`;
    if (code === 'invalid_token') return html`${message}<p>${t.invalidTokenWayOut}</p>${contactTemplate(commune, t)}`;
    return message;
  }

  #describedBy(field: Field, ...extra: string[]): string {
    const ids = [...extra];
    if (this.fieldErrors[field]) ids.push(`${field}-error`);
    if (this.problem !== null) ids.push('alert');
    return ids.join(' ');
  }

  #fieldError(field: Field): TemplateResult | typeof nothing {
    const message = this.fieldErrors[field];
    return message ? html`<p id="${field}-error" part="field-error" class="field-error">${message}</p>` : nothing;
  }

  #input(field: Field, label: string, type: string, autocomplete: string, hint?: string): TemplateResult {
    const invalid = Boolean(this.fieldErrors[field]);
    const describedBy = this.#describedBy(field, ...(hint ? [`${field}-hint`] : []));
    return html`<div class="field">
      <label for=${field} part="label">${label}</label>
      ${hint ? html`<p id="${field}-hint" part="hint" class="hint">${hint}</p>` : nothing}
      ${
        field === 'identifier'
          ? html`<input
            id=${field}
            name=${field}
            part="input"
            type=${type}
            autocomplete=${autocomplete}
            autocapitalize="none"
            spellcheck="false"
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
            .value=${live(this.identifier)}
            @input=${this.#onIdentifierInput}
          />`
          : html`<input
            id=${field}
            name=${field}
            part="input"
            type=${type}
            autocomplete=${autocomplete}
            autocapitalize="none"
            spellcheck="false"
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
          />`
      }
      ${this.#fieldError(field)}
    </div>`;
  }

  readonly #onIdentifierInput = (event: Event): void => {
    this.identifier = (event.target as HTMLInputElement).value;
  };

  #showToggle(label: string): TemplateResult {
    return html`<div class="check">
      <input
        id="show-password"
        type="checkbox"
        .checked=${live(this.showPassword)}
        @change=${(event: Event) => {
          this.showPassword = (event.target as HTMLInputElement).checked;
        }}
      />
      <label for="show-password">${label}</label>
    </div>`;
  }

  #loginView(): TemplateResult {
    const t = this.t;
    return html`<form part="form" novalidate @submit=${this.#onLogin}>
      ${this.#input('identifier', t.identifier, 'text', 'username')}
      ${this.#input('password', t.password, this.showPassword ? 'text' : 'password', 'current-password')}
      ${this.#showToggle(t.showPassword)}
      <div class="actions">
        <button class="button" part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? t.signingIn : t.signIn}</button>
        <button class="link-button" part="link" type="button" @click=${() => this.#show('forgot')}>${t.forgotLink}</button>
      </div>
    </form>`;
  }

  #forgotView(): TemplateResult {
    const t = this.t;
    return html`<p>${t.forgotIntro}</p>
      <form part="form" novalidate @submit=${this.#onForgot}>
        ${this.#input('email', t.emailAddress, 'email', 'email')}
        <div class="actions">
          <button class="button" part="submit" type="submit" ?disabled=${this.busy}>${this.busy ? t.sending : t.send}</button>
          <button class="link-button" part="link" type="button" @click=${() => this.#show('login')}>${t.backToLogin}</button>
        </div>
      </form>`;
  }

  #forgotSentView(): TemplateResult {
    return html`<p class="hint">${this.t.forgotSentHint}</p>
      <div class="actions">
        <button class="link-button" part="link" type="button" @click=${() => this.#show('login')}>${this.t.backToLogin}</button>
      </div>`;
  }

  #passwordView(commune: CommunePublic): TemplateResult {
    const t = this.t;
    const back = html`<button class="link-button" part="link" type="button" @click=${() => this.#leavePasswordView()}>${t.backToLogin}</button>`;
    if (this.tokenDead) {
      return html`<div class="actions">
        <button class="link-button" part="link" type="button" @click=${() => this.#leavePasswordView('forgot')}>${t.forgotLink}</button>
        ${back}
      </div>`;
    }
    const min = commune.passwordPolicy.minLength || DEFAULT_MIN_LENGTH;
    const type = this.showPassword ? 'text' : 'password';
    return html`<p>${this.tokenKind === 'activate' ? t.activateIntro : t.resetIntro}</p>
      <form part="form" novalidate @submit=${(event: SubmitEvent) => this.#onPassword(event, commune)}>
        ${this.#input('new-password', t.newPassword, type, 'new-password', t.passwordHint(min))}
        ${this.#input('confirm-password', t.confirmPassword, type, 'new-password')}
        ${this.#showToggle(t.showPasswords)}
        <div class="actions">
          <button class="button" part="submit" type="submit" ?disabled=${this.busy}>
            ${this.busy ? t.saving : this.tokenKind === 'activate' ? t.activateSubmit : t.resetSubmit}
          </button>
          ${back}
        </div>
      </form>`;
  }

  #accountView(): TemplateResult {
    const t = this.t;
    return html`<div class="actions">
      <button class="button secondary" part="logout" type="button" ?disabled=${this.busy} @click=${this.#onLogout}>
        ${this.busy ? t.signingOut : t.signOut}
      </button>
    </div>`;
  }

  #leavePasswordView(view: View = 'login'): void {
    this.#token = null;
    this.tokenDead = false;
    this.#show(view);
  }

  #formValues(event: SubmitEvent): FormData {
    event.preventDefault();
    return new FormData(event.currentTarget as HTMLFormElement);
  }

  /** Shows field errors and focuses the first one; true when there were none. */
  #checkFields(errors: Partial<Record<Field, string>>): boolean {
    this.fieldErrors = errors;
    this.problem = null;
    this.notice = null;
    const first = Object.keys(errors)[0];
    if (first) this.#focus.focusLater(first);
    return first === undefined;
  }

  /** Runs a call with the form disabled; shows and emits its error, focusing `focusOnError`. */
  async #send<T>(call: () => Promise<T>, focusOnError: Field): Promise<T | undefined> {
    this.busy = true;
    this.problem = null;
    this.notice = null;
    try {
      return await call();
    } catch (error) {
      this.problem = error;
      this.#focus.focusLater(focusOnError);
      this.emitError(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  readonly #onLogin = async (event: SubmitEvent): Promise<void> => {
    const form = this.#formValues(event);
    const client = this.client;
    if (this.busy || !client) return;
    const identifier = String(form.get('identifier') ?? '').trim();
    const password = String(form.get('password') ?? '');
    this.identifier = identifier;
    const errors: Partial<Record<Field, string>> = {};
    if (!identifier) errors.identifier = this.t.identifierRequired;
    if (!password) errors.password = this.t.passwordRequired;
    if (!this.#checkFields(errors)) return;
    // Announce the login from inside the session change itself: an enclosing <pf-portal>
    // re-renders on that change and may take this element out of the page right after.
    let announced = false;
    const unsubscribe = client.session.subscribe((account) => {
      if (!account || announced) return;
      announced = true;
      this.dispatchEvent(new PfLoginEvent({ account }));
    });
    let account: Awaited<ReturnType<PortailClient['login']>> | undefined;
    try {
      account = await this.#send(() => client.login(identifier, password), 'password');
    } finally {
      unsubscribe();
    }
    if (account) {
      this.showPassword = false;
      this.#focus.focusLater('heading');
      if (!announced) this.dispatchEvent(new PfLoginEvent({ account }));
    } else {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#password');
      if (input) input.value = '';
    }
  };

  readonly #onForgot = async (event: SubmitEvent): Promise<void> => {
    const form = this.#formValues(event);
    const client = this.client;
    if (this.busy || !client) return;
    const email = String(form.get('email') ?? '').trim();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#email');
    const valid = email !== '' && (input?.validity.valid ?? true) && /^[^\s@]+@[^\s@]+$/.test(email);
    if (!this.#checkFields(valid ? {} : { email: this.t.emailInvalid })) return;
    const sent = await this.#send(async () => {
      await client.requestPasswordReset(email);
      return true;
    }, 'email');
    if (sent) {
      this.#show('forgot-sent');
      this.notice = this.t.forgotSent;
    }
  };

  async #onPassword(event: SubmitEvent, commune: CommunePublic): Promise<void> {
    const form = this.#formValues(event);
    const client = this.client;
    const token = this.#token;
    if (this.busy || !client || !token) return;
    const password = String(form.get('new-password') ?? '');
    const confirmation = String(form.get('confirm-password') ?? '');
    const min = commune.passwordPolicy.minLength || DEFAULT_MIN_LENGTH;
    const errors: Partial<Record<Field, string>> = {};
    if ([...password].length < min) errors['new-password'] = this.t.passwordTooShort(min);
    else if (password !== confirmation) errors['confirm-password'] = this.t.passwordMismatch;
    if (!this.#checkFields(errors)) return;
    const kind = this.tokenKind;
    const identifier = await this.#send(
      () => (kind === 'activate' ? client.activate(token, password) : client.resetPassword(token, password)),
      'new-password',
    );
    if (identifier !== undefined) {
      this.#token = null;
      this.identifier = identifier;
      this.showPassword = false;
      this.#show('login', 'heading');
      this.notice = kind === 'activate' ? this.t.activated(identifier) : this.t.passwordChanged(identifier);
      return;
    }
    if (problemCode(this.problem) === 'invalid_token') {
      this.tokenDead = true;
      this.#token = null;
      this.#focus.focusLater('heading');
    }
  }

  readonly #onLogout = async (): Promise<void> => {
    if (this.busy || !this.client) return;
    this.busy = true;
    try {
      await this.signOut();
    } finally {
      this.busy = false;
    }
    this.#show('login');
    this.notice = this.t.signedOut;
  };
}

defineElement('pf-login', PfLogin);

declare global {
  interface HTMLElementTagNameMap {
    'pf-login': PfLogin;
  }
}
