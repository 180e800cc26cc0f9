import type { Me, PortailClient } from '@portail-famille/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isRestored, restoreOnce } from './client-registry.js';

export interface SessionHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
}

/**
 * Keeps a widget in step with its client's session: any login or logout, from any widget
 * sharing the client, re-renders the host. The first use of a client restores the session
 * from the refresh cookie.
 */
export class SessionController implements ReactiveController {
  readonly #host: SessionHost;
  #client: PortailClient | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(host: SessionHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The logged-in account, or null. */
  get account(): Me | null {
    return this.#client?.session.account ?? null;
  }

  /** False while the session is being restored after a page load. */
  get ready(): boolean {
    return this.#client === undefined || isRestored(this.#client);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = undefined;
  }

  #sync(): void {
    if (!this.#connected) return;
    const client = this.#host.client;
    if (client === this.#client) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client = client;
    if (!client) return;
    this.#unsubscribe = client.session.subscribe(() => this.#host.requestUpdate());
    if (!isRestored(client)) {
      void restoreOnce(client).then(() => {
        if (this.#client === client) this.#host.requestUpdate();
      });
    }
  }
}
