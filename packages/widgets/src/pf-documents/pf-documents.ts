import type { DownloadedFile, Me, PortailClient, PublishedDocument } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../core/define.js';
import { heading, loadingTemplate, retryNotice } from '../core/fragments.js';
import { PfFamilyElement } from '../core/pf-family-element.js';
import { problemMessage } from '../core/problem-messages.js';
import { saveFile } from '../core/save-file.js';
import '../pf-login/pf-login.js';
import { styles } from './pf-documents.styles.js';

/** The order categories are shown in. */
const CATEGORIES = ['canteen_menu', 'activity_planning', 'enrolment_form', 'school_pre_enrolment'] as const;
const KIND: Record<PublishedDocument['file']['mediaType'], string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** Hands a downloaded file to the browser as a download. */
function save(file: DownloadedFile, fallbackName: string): void {
  saveFile(file.blob, file.name ?? fallbackName);
}

/**
 * @tag pf-documents
 * @summary « Documents »: the documents the commune publishes for the family (canteen menus,
 * activity plannings, enrolment forms, school pre-enrolment), valid today, by category and
 * newest first, each with a download button; then « Télécharger mes données », the family's
 * own data as a JSON file (right of access).
 *
 * @event pf-login - Bubbles from the inner `<pf-login>` when the visitor signs in.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The « Documents » heading.
 * @csspart category - One category's list of documents.
 * @csspart document - One document.
 * @csspart download - A document's download button.
 * @csspart empty - The text shown when there is no document.
 * @csspart my-data - The « Vos données personnelles » block.
 * @csspart export - The « Télécharger mes données » button.
 * @csspart status - Announces finished downloads.
 * @csspart login - The inner `<pf-login>` shown when signed out.
 *
 * @cssproperty --pf-color-primary - Buttons. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-border - Borders of the documents.
 * @cssproperty --pf-color-danger - Errors.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 */
export class PfDocuments extends PfFamilyElement {
  static override styles = styles;

  /** Level of the « Documents » heading (2 by default); categories use the next level. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Leaves out the heading (the enclosing page already shows « Documents »). */
  @property({ type: Boolean, attribute: 'hide-heading' }) hideHeading = false;

  /** Leaves out « Télécharger mes données ». */
  @property({ type: Boolean, attribute: 'hide-data-export' }) hideDataExport = false;

  /** What is being downloaded: a document id, or `export`. */
  #busy: string | null = null;
  #status = '';
  #error: string | null = null;

  readonly #documents = this.accountTask((client) => client.listDocuments());

  protected override frame(content: TemplateResult): TemplateResult {
    return html`<div part="base" class="base">${content}</div>`;
  }

  protected renderFor(account: Me): TemplateResult {
    const t = this.t;
    return html`${this.hideHeading ? nothing : heading(this.headingLevel, t.documents.heading)}
      ${this.#documents.render({
        initial: () => loadingTemplate(t),
        pending: () => loadingTemplate(t),
        error: (error) => retryNotice(problemMessage(error, t), t, () => void this.#documents.run()),
        complete: (documents) => (documents ? this.#listTemplate(documents) : html``),
      })}
      ${this.#error ? html`<p class="notice danger" role="alert">${this.#error}</p>` : nothing}
      <p part="status" class="visually-hidden" role="status" aria-live="polite">${this.#status}</p>
      ${this.hideDataExport || account.kind !== 'guardian' ? nothing : this.#myDataTemplate()}`;
  }

  #listTemplate(documents: PublishedDocument[]): TemplateResult {
    const t = this.t.documents;
    if (documents.length === 0) return html`<p part="empty">${t.empty}</p>`;
    const level = this.hideHeading ? this.headingLevel : this.headingLevel + 1;
    return html`${CATEGORIES.map((category) => {
      // The server answers newest first; each category keeps that order.
      const inCategory = documents.filter((d) => d.category === category);
      if (inCategory.length === 0) return nothing;
      return html`${heading(level, t.category[category])}
        <ul part="category" class="documents" data-category=${category}>
          ${inCategory.map((d) => this.#documentTemplate(d))}
        </ul>`;
    })}`;
  }

  #documentTemplate(d: PublishedDocument): TemplateResult {
    const t = this.t.documents;
    const kind = KIND[d.file.mediaType];
    const size = t.size(d.file.size);
    const busy = this.#busy === d.id;
    return html`<li part="document" class="document" data-id=${d.id}>
      <div>
        <p><strong>${d.title}</strong></p>
        <p class="meta">${`${t.validity(d.validFrom, d.validTo)} — ${kind}, ${size}`}</p>
        ${d.audience.facilityName ? html`<p class="meta">${t.forFacility(d.audience.facilityName)}</p>` : nothing}
      </div>
      <button
        part="download"
        type="button"
        class="button secondary"
        ?disabled=${busy}
        @click=${() => this.#download(d)}
      >
        ${busy ? t.downloading : t.download}<span class="visually-hidden"> ${t.downloadDetail(d.title, kind, size)}</span>
      </button>
    </li>`;
  }

  #myDataTemplate(): TemplateResult {
    const t = this.t.documents;
    const busy = this.#busy === 'export';
    return html`<div part="my-data" class="my-data">
      ${heading(this.hideHeading ? this.headingLevel : this.headingLevel + 1, t.myData)}
      <p>${t.myDataIntro}</p>
      <button part="export" type="button" class="button" ?disabled=${busy} @click=${this.#exportData}>
        ${busy ? t.preparingMyData : t.downloadMyData}
      </button>
    </div>`;
  }

  async #fetch(what: string, call: (client: PortailClient) => Promise<DownloadedFile>, fallbackName: string): Promise<void> {
    const client = this.client;
    if (!client || this.#busy) return;
    this.#busy = what;
    this.#error = null;
    this.#status = '';
    this.requestUpdate();
    try {
      const file = await call(client);
      save(file, fallbackName);
      this.#status = this.t.documents.downloaded(file.name ?? fallbackName);
    } catch (error) {
      this.#error = problemMessage(error, this.t);
      this.emitError(error);
    } finally {
      this.#busy = null;
      this.requestUpdate();
    }
  }

  #download(d: PublishedDocument): void {
    void this.#fetch(d.id, (client) => client.downloadDocument(d.id), d.file.name);
  }

  readonly #exportData = (): void => {
    void this.#fetch('export', (client) => client.exportMyFamilyData(), 'mes-donnees.json');
  };
}

defineElement('pf-documents', PfDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'pf-documents': PfDocuments;
  }
}
