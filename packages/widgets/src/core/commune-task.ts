import { Task } from '@lit/task';
import type { CommunePublic, PortailClient } from '@portail-famille/sdk';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { getCommuneInfo } from './client-registry.js';
import { loadingTemplate, retryNotice } from './fragments.js';
import type { Translation } from './i18n/index.js';
import { problemMessage } from './problem-messages.js';

export interface CommuneTaskHost extends ReactiveControllerHost, HTMLElement {
  readonly client: PortailClient | undefined;
}

/** Markup details that differ between widgets and that pages may already style. */
export interface CommuneViewLook {
  /** Class of the « Chargement… » line. */
  loadingClass?: string;
  /** `part` of the load error notice. */
  errorPart?: string;
}

/**
 * The commune's public information (name, logo, banner, password policy), which every widget
 * needs before it can show anything, and the wrapper that shows loading, a load error with
 * « Réessayer », or the widget's view once it has arrived.
 */
export class CommuneTask {
  readonly #host: CommuneTaskHost;
  readonly #task: Task<readonly [PortailClient | undefined], CommunePublic>;

  /** `onError` tells the page (the widget shows its own message). */
  constructor(host: CommuneTaskHost, onError: (error: unknown) => void) {
    this.#host = host;
    this.#task = new Task(host, {
      task: async ([client]: readonly [PortailClient | undefined]) => {
        if (!client) throw new Error(`${host.localName}: no commune configured`);
        try {
          return await getCommuneInfo(client);
        } catch (error) {
          onError(error);
          throw error;
        }
      },
      args: () => [host.client] as const,
    });
  }

  /** `<div part="base">` holding the state of the load, `ready(commune)` once loaded. */
  render(t: Translation, ready: (commune: CommunePublic) => TemplateResult, look: CommuneViewLook = {}): TemplateResult {
    if (!this.#host.client) return html`<div part="base" class="base"><p class="notice danger">${t.notConfigured}</p></div>`;
    const loading = (): TemplateResult => loadingTemplate(t, look.loadingClass);
    return html`<div part="base" class="base">
      ${this.#task.render({
        initial: loading,
        pending: loading,
        error: (error) => retryNotice(problemMessage(error, t), t, () => void this.#task.run(), look.errorPart),
        complete: ready,
      })}
    </div>`;
  }
}
