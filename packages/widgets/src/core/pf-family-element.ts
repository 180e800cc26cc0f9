import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import type { Me, PortailClient } from '@portail-famille/sdk';
import type { TemplateResult } from 'lit';
import { clientContext } from './client-context.js';
import { CommuneTask } from './commune-task.js';
import { embeddedLogin, loadingTemplate } from './fragments.js';
import { PfElement } from './pf-element.js';

/**
 * A widget showing the signed-in family's data (invoices, payments, requests, documents):
 * the commune's information first, the login form until someone is signed in, then the
 * widget's own view; its client is offered to the widgets it contains.
 */
export abstract class PfFamilyElement extends PfElement {
  /** The level of the widget's heading (and of the login form's). */
  abstract headingLevel: number;

  readonly #commune = new CommuneTask(this, (error) => this.emitError(error));
  readonly #provider = new ContextProvider(this, { context: clientContext });

  /**
   * A read run again whenever the client or the signed-in account changes (null while no one
   * is); a failure is told to the page (`pf-error`) and kept for the task's error view.
   */
  protected accountTask<T>(fetch: (client: PortailClient) => Promise<T>) {
    return new Task(this, {
      task: async ([client, accountId]: readonly [PortailClient | undefined, string | undefined]): Promise<T | null> => {
        if (!client || !accountId) return null;
        try {
          return await fetch(client);
        } catch (error) {
          this.emitError(error);
          throw error;
        }
      },
      args: () => [this.client, this.session.account?.id] as const,
    });
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.#provider.value !== this.client) this.#provider.setValue(this.client);
  }

  override render(): TemplateResult {
    return this.#commune.render(this.t, () => this.frame(this.#signedIn()));
  }

  /** What surrounds the widget once the commune is known, login form included (none by default). */
  protected frame(content: TemplateResult): TemplateResult {
    return content;
  }

  #signedIn(): TemplateResult {
    if (!this.session.ready) return loadingTemplate(this.t);
    const account = this.session.account;
    if (!account) {
      return embeddedLogin({ headingLevel: this.headingLevel, lang: this.locale, theme: this.theme, onLogin: () => this.requestUpdate() });
    }
    return this.renderFor(account);
  }

  /** The widget's view for the signed-in `account`. */
  protected abstract renderFor(account: Me): TemplateResult;
}
