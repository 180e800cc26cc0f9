import { NotFoundError, PortailApiError, type PortailClient } from '@portail-famille/sdk';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { loadingTemplate, retryNotice } from '../core/fragments.js';
import type { Translation } from '../core/i18n/index.js';
import { staffProblemMessage } from './staff-problems.js';

/** What the server takes (the pixel size is checked there only). */
const TYPES = ['image/png', 'image/jpeg'];
const MAX_BYTES = 1024 * 1024;

export interface LogoHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * « Logo des documents » (admins): the logo drawn on invoices, credit notes and receipts —
 * the current one shown, a form to send a PNG or JPEG in its place, a button to remove it.
 */
export class CommuneLogoController implements ReactiveController {
  readonly #host: LogoHost;
  readonly #onError: (error: unknown) => void;
  /** An object URL of the current logo; null: none; undefined: not loaded. */
  #url: string | null | undefined = undefined;
  #loading = false;
  #loadError: unknown = null;
  #fieldError = '';
  #actionError: unknown = null;
  #busy: 'send' | 'remove' | null = null;
  #notice = '';
  #generation = 0;
  readonly #focus: FocusAfterRenderController;

  constructor(host: LogoHost, callbacks: { onError: (error: unknown) => void }) {
    this.#host = host;
    this.#onError = callbacks.onError;
    this.#focus = new FocusAfterRenderController(host);
    host.addController(this);
  }

  /** The console left the page: the image shown is released (loaded again on return). */
  hostDisconnected(): void {
    this.reset();
  }

  get needsLoad(): boolean {
    return this.#url === undefined && !this.#loading && this.#loadError === null;
  }

  reset(): void {
    this.#show(undefined);
    this.#loading = false;
    this.#loadError = null;
    this.#fieldError = '';
    this.#actionError = null;
    this.#busy = null;
    this.#notice = '';
    this.#generation += 1;
  }

  /** Replaces the logo shown, releasing the previous image. */
  #show(url: string | null | undefined): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = url;
  }

  async load(): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const generation = ++this.#generation;
    this.#loading = true;
    this.#loadError = null;
    this.#host.requestUpdate();
    try {
      const logo = await client.getCommuneLogo().catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (generation !== this.#generation) return;
      this.#show(logo ? URL.createObjectURL(logo.blob) : null);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#loadError = error;
      this.#onError(error);
    } finally {
      if (generation === this.#generation) {
        this.#loading = false;
        this.#host.requestUpdate();
      }
    }
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation): TemplateResult {
    const s = t.staff;
    let current: TemplateResult | typeof nothing = nothing;
    if (this.#url === undefined) {
      if (this.#loadError === null) current = loadingTemplate(t);
    } else if (this.#url === null) {
      current = html`<p class="empty">${s.noLogo}</p>`;
    } else {
      current = html`<figure class="logo-figure">
          <img part="logo" class="logo-preview" src=${this.#url} alt=${s.currentLogo} />
        </figure>
        <button class="button secondary" type="button" ?disabled=${this.#busy !== null} @click=${() => void this.#remove(t)}>
          ${this.#busy === 'remove' ? s.removingLogo : s.removeLogo}
        </button>`;
    }
    const error = this.#fieldError;
    return html`<p>${s.logoIntro}</p>
      <p id="logo-status" role="status" part="status" class="notice success">${this.#notice}</p>
      <div id="logo-alert" role="alert" part="error" class="notice danger">${
        this.#actionError !== null ? html`<p>${staffProblemMessage(this.#actionError, t)}</p>` : nothing
      }</div>
      ${this.#loadError !== null ? retryNotice(staffProblemMessage(this.#loadError, t), t, () => void this.load(), 'error') : nothing}
      ${current}
      <form part="form" class="logo-form" novalidate @submit=${(event: SubmitEvent) => void this.#send(event, t)}>
        <div class="field">
          <label for="logo-file" part="label">${s.newLogo}</label>
          <p id="logo-file-hint" part="hint" class="hint">${s.logoHint}</p>
          <input
            id="logo-file"
            part="input"
            type="file"
            accept="image/png,image/jpeg,.png,.jpg,.jpeg"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'logo-file-hint logo-file-error' : 'logo-file-hint'}
          />
          ${error ? html`<p id="logo-file-error" part="field-error" class="field-error">${error}</p>` : nothing}
        </div>
        <div class="form-actions">
          <button class="button" part="submit" type="submit" ?disabled=${this.#busy !== null}>
            ${this.#busy === 'send' ? s.sendingLogo : s.sendLogo}
          </button>
        </div>
      </form>`;
  }

  // --- actions -----------------------------------------------------------------------

  /** The sentence for a refused file, shown next to the field; null for any other failure. */
  #fileProblem(error: unknown, t: Translation): string | null {
    if (!(error instanceof PortailApiError)) return null;
    if (error.code === 'file_type_not_allowed') return t.staff.logoType;
    if (error.code === 'file_too_large') return t.staff.logoTooLarge;
    if (error.code === 'file_empty') return t.staff.logoEmpty;
    return null;
  }

  async #send(event: SubmitEvent, t: Translation): Promise<void> {
    event.preventDefault();
    const client = this.#host.client;
    const input = this.#host.renderRoot.querySelector<HTMLInputElement>('#logo-file');
    if (!client || !input || this.#busy) return;
    const file = input.files?.[0];
    this.#notice = '';
    this.#actionError = null;
    const s = t.staff;
    this.#fieldError = !file
      ? s.logoRequired
      : !TYPES.includes(file.type)
        ? s.logoType
        : file.size === 0
          ? s.logoEmpty
          : file.size > MAX_BYTES
            ? s.logoTooLarge
            : '';
    if (!file || this.#fieldError) {
      this.#host.requestUpdate();
      this.#focus.focusLater('logo-file');
      return;
    }
    this.#busy = 'send';
    this.#host.requestUpdate();
    try {
      await client.setCommuneLogo(file, file.name);
      this.#show(URL.createObjectURL(file));
      input.value = '';
      this.#notice = s.logoSent;
    } catch (error) {
      this.#onError(error);
      const problem = this.#fileProblem(error, t);
      if (problem) {
        this.#fieldError = problem;
        this.#focus.focusLater('logo-file');
      } else {
        this.#actionError = error;
      }
    } finally {
      this.#busy = null;
      this.#host.requestUpdate();
    }
  }

  async #remove(t: Translation): Promise<void> {
    const client = this.#host.client;
    if (!client || this.#busy) return;
    this.#busy = 'remove';
    this.#notice = '';
    this.#actionError = null;
    this.#host.requestUpdate();
    try {
      await client.removeCommuneLogo();
      this.#show(null);
      this.#notice = t.staff.logoRemoved;
      // The button is gone: the focus goes to the form that can send another.
      this.#focus.focusLater('logo-file');
    } catch (error) {
      this.#onError(error);
      this.#actionError = error;
    } finally {
      this.#busy = null;
      this.#host.requestUpdate();
    }
  }
}
