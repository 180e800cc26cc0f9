import { NotFoundError, PortailApiError, type PortailClient } from '@portail-famille/sdk';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import type { Translation } from '../core/i18n/index.js';
import { StaffAction, StaffLoad } from './staff-load.js';

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
  /** An object URL of the current logo, or null: none. */
  readonly #logo: StaffLoad<string | null>;
  /** `send` or `remove`. */
  readonly #action: StaffAction;
  #fieldError = '';
  readonly #focus: FocusAfterRenderController;

  constructor(host: LogoHost, callbacks: { onError: (error: unknown) => void }) {
    this.#host = host;
    this.#logo = new StaffLoad(host, callbacks.onError);
    this.#action = new StaffAction(host, callbacks.onError);
    this.#focus = new FocusAfterRenderController(host);
    host.addController(this);
  }

  /** The console left the page: the image shown is released (loaded again on return). */
  hostDisconnected(): void {
    this.reset();
  }

  get needsLoad(): boolean {
    return this.#logo.needsLoad;
  }

  reset(): void {
    this.#release(this.#logo.value);
    this.#logo.reset();
    this.#action.reset();
    this.#fieldError = '';
  }

  #release(url: string | null | undefined): void {
    if (url) URL.revokeObjectURL(url);
  }

  /** Replaces the logo shown, releasing the previous image. */
  #show(url: string | null): void {
    this.#release(this.#logo.value);
    this.#logo.set(url);
  }

  async load(): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const before = this.#logo.value;
    const kept = await this.#logo.load(async () => {
      const logo = await client.getCommuneLogo().catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      return logo ? URL.createObjectURL(logo.blob) : null;
    });
    if (kept && before !== this.#logo.value) this.#release(before);
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation): TemplateResult {
    const s = t.staff;
    const busy = this.#action.busy;
    const current = this.#logo.render(t, (url) =>
      url === null
        ? html`<p class="empty">${s.noLogo}</p>`
        : html`<figure class="logo-figure">
              <img part="logo" class="logo-preview" src=${url} alt=${s.currentLogo} />
            </figure>
            <button class="button secondary" type="button" ?disabled=${busy !== null} @click=${() => void this.#remove(t)}>
              ${busy === 'remove' ? s.removingLogo : s.removeLogo}
            </button>`,
    );
    const error = this.#fieldError;
    return html`<p>${s.logoIntro}</p>
      ${this.#action.renderMessages(t, 'logo')} ${current}
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
          <button class="button" part="submit" type="submit" ?disabled=${busy !== null}>
            ${busy === 'send' ? s.sendingLogo : s.sendLogo}
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
    if (!client || !input || this.#action.busy) return;
    const file = input.files?.[0];
    this.#action.clear();
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
    await this.#action.run(
      'send',
      async () => {
        try {
          await client.setCommuneLogo(file, file.name);
          return true;
        } catch (error) {
          // A refused file is said next to the field, where the admin chooses another.
          const problem = this.#fileProblem(error, t);
          if (!problem) throw error;
          this.#fieldError = problem;
          this.#focus.focusLater('logo-file');
          return false;
        }
      },
      (sent) => {
        if (!sent) return '';
        this.#show(URL.createObjectURL(file));
        input.value = '';
        return s.logoSent;
      },
    );
  }

  async #remove(t: Translation): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const removed = await this.#action.run(
      'remove',
      async () => {
        await client.removeCommuneLogo();
        return true;
      },
      () => {
        this.#show(null);
        return t.staff.logoRemoved;
      },
    );
    // The button is gone: the focus goes to the form that can send another.
    if (removed) this.#focus.focusLater('logo-file');
  }
}
