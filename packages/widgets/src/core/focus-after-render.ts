import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FocusHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Moves focus to an element of the shadow root once the render that creates it is done:
 * views change by re-rendering, so the target often does not exist yet when focus is asked for.
 */
export class FocusAfterRenderController implements ReactiveController {
  readonly #host: FocusHost;
  #target: string | null = null;

  constructor(host: FocusHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Focuses `#id` after the next render; `null` cancels a focus still pending. */
  focusLater(id: string | null): void {
    this.#target = id;
    if (id) this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#target) return;
    const target = this.#host.renderRoot.querySelector<HTMLElement>(`#${this.#target}`);
    // Not rendered yet (e.g. still loading): keep the target for a later render.
    if (target) {
      target.focus();
      this.#target = null;
    }
  }
}
