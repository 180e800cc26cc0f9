import { Task } from '@lit/task';
import type { ChangeProposal, ChangeRequest, Family, FamilyStatus, HealthSheet, PortailClient } from '@portail-famille/sdk';
import { FileRejectedError, PortailApiError } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../core/define.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { childCards, heading, loadingTemplate, retryNotice } from '../core/fragments.js';
import type { ProfileTranslation } from '../core/i18n/profile.js';
import { PfElement } from '../core/pf-element.js';
import { problemCode, problemMessage } from '../core/problem-messages.js';
import { EmailConfirmationController } from './email-confirmation.js';
import { styles } from './pf-family-profile.styles.js';

interface Loaded {
  family: Family;
  requests: ChangeRequest[];
}

type Editing = 'contact' | 'email' | 'request' | null;
type Kind = ChangeProposal['kind'];

const KINDS: readonly Kind[] = ['health_sheet', 'authorised_person_add', 'authorised_person_remove', 'family_status', 'shared_custody'];
const STATUSES: readonly FamilyStatus[] = ['married', 'civil_partnership', 'cohabiting', 'single', 'separated', 'divorced', 'widowed'];
const MAX_MB = 5;
const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** The same rule as the server: 10 French digits, or + and 8 to 15 digits. */
function isPhone(value: string): boolean {
  const compact = value.replace(/[\s.]/g, '');
  return /^0[1-9]\d{8}$/.test(compact) || /^\+[1-9]\d{7,14}$/.test(compact);
}

/**
 * @tag pf-family-profile
 * @summary « Ma famille » / « Mes informations »: the family file (guardians, children with their
 * health sheet, address, authorised persons, family status, shared custody); the parent edits
 * their phone and the address directly, changes their email through a link sent to the new
 * address, and asks staff to change the rest (« Demander une modification ») with supporting
 * documents; « Mes demandes » lists the requests with their state and staff's answer.
 *
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart card - A guardian's or a child's card.
 * @csspart form - The open form (contact details, email or change request).
 * @csspart status - The announcement of the last action's outcome.
 * @csspart requests - The list of « Mes demandes ».
 * @csspart request - One change request.
 *
 * @cssproperty --pf-color-primary - Buttons and links. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-border - Borders of cards, forms and requests.
 * @cssproperty --pf-color-success - Accepted requests.
 * @cssproperty --pf-color-warning - Pending requests.
 * @cssproperty --pf-color-danger - Refused requests and errors.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 */
export class PfFamilyProfile extends PfElement {
  static override styles = styles;

  /** Level of the sub-headings (3 by default: the enclosing page shows « Ma famille » above). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  #editing: Editing = null;
  #busy = false;
  /** Errors of the open form, by field name; `form` for the whole form. */
  #errors: Record<string, string> = {};
  /** The last outcome, announced politely. */
  #status = '';
  #kind: Kind = 'health_sheet';
  #endCustody = false;
  readonly #focus = new FocusAfterRenderController(this);
  /** Standalone (own `commune`), it confirms an email change from its link; inside `<pf-portal>` the portal does. */
  #emailConfirmation: EmailConfirmationController | null = null;

  override connectedCallback(): void {
    if (this.hasAttribute('commune') && !this.#emailConfirmation) this.#emailConfirmation = new EmailConfirmationController(this);
    super.connectedCallback();
  }

  readonly #data = new Task(this, {
    task: async ([client, accountId, kind]: readonly [PortailClient | undefined, string | undefined, string | undefined]) => {
      if (!client || !accountId || kind !== 'guardian') return null;
      try {
        const [family, requests] = await Promise.all([client.getMyFamily(), client.listMyChangeRequests()]);
        return { family, requests } satisfies Loaded;
      } catch (error) {
        this.emitError(error);
        throw error;
      }
    },
    args: () => [this.client, this.session.account?.id, this.session.account?.kind] as const,
  });

  get #p(): ProfileTranslation {
    return this.t.profile;
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`<div part="base" class="base">
      ${this.#emailConfirmation?.render(t) ?? nothing}
      ${this.#data.render({
        initial: () => loadingTemplate(t),
        pending: () => (this.#data.value ? this.#template(this.#data.value) : loadingTemplate(t)),
        error: (error) => retryNotice(problemMessage(error, t), t, () => void this.#data.run()),
        complete: (data) => (data ? this.#template(data) : html``),
      })}
    </div>`;
  }

  #template({ family, requests }: Loaded): TemplateResult {
    const t = this.t;
    const p = this.#p;
    const sub = this.headingLevel;
    const { address } = family;
    const guardianName = (id: string) => {
      const g = family.guardians.find((x) => x.id === id);
      return g ? `${g.firstName} ${g.lastName}` : '—';
    };
    return html`<p part="family-number" class="family-number">${t.familyNumber(family.number)}</p>
      <p class="address">
        <span class="label">${t.address}&nbsp;:</span>
        ${address.line1}${address.line2 ? html`, ${address.line2}` : nothing}, ${address.postalCode} ${address.city}
      </p>
      <dl>
        <dt>${p.familyStatusLabel}</dt>
        <dd>${family.familyStatus ? p.familyStatus[family.familyStatus] : t.notProvided}</dd>
        <dt>${p.sharedCustodyLabel}</dt>
        <dd>
          ${
            family.sharedCustody
              ? p.custody(
                  guardianName(family.sharedCustody.billedGuardianId),
                  guardianName(family.sharedCustody.evenWeeksGuardianId),
                  guardianName(family.sharedCustody.oddWeeksGuardianId),
                )
              : p.noSharedCustody
          }
        </dd>
      </dl>
      <p part="status" class="status" role="status" aria-live="polite">${this.#status}</p>
      <div class="actions">
        <button type="button" class="button secondary" aria-expanded=${this.#editing === 'contact'} @click=${() => this.#open('contact')}>
          ${p.editContact}
        </button>
        <button type="button" class="button secondary" aria-expanded=${this.#editing === 'email'} @click=${() => this.#open('email')}>
          ${p.emailHeading}
        </button>
        <button type="button" class="button secondary" aria-expanded=${this.#editing === 'request'} @click=${() => this.#open('request')}>
          ${p.requestChange}
        </button>
      </div>
      ${this.#editing === 'contact' ? this.#contactForm(family) : nothing} ${this.#editing === 'email' ? this.#emailForm() : nothing}
      ${this.#editing === 'request' ? this.#requestForm(family) : nothing}
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
      ${family.children.length === 0 ? html`<p>${t.noChildren}</p>` : childCards(family.children, t)}
      ${family.children.length ? html`<ul class="cards">${family.children.map((c) => this.#healthCard(`${c.firstName} ${c.lastName}`, c.healthSheet ?? null))}</ul>` : nothing}
      ${heading(sub, p.authorisedPersons)}
      ${
        family.authorisedPersons?.length
          ? html`<ul class="cards">
            ${family.authorisedPersons.map(
              (a) => html`<li part="card" class="card">
                <p class="name">${a.name}</p>
                <p>${a.relation}</p>
                <p>${a.phone}</p>
              </li>`,
            )}
          </ul>`
          : html`<p>${p.noAuthorisedPerson}</p>`
      }
      ${heading(sub, p.myRequests)} ${this.#requestsTemplate(family, requests, guardianName)}`;
  }

  #healthCard(name: string, sheet: HealthSheet | null): TemplateResult {
    const p = this.#p;
    const yesNo = (value: boolean) => (value ? p.yes : p.no);
    return html`<li part="card" class="card">
      <p class="name">${p.healthSheet} — ${name}</p>
      ${
        sheet
          ? html`<dl>
            <dt>${p.allergies}</dt>
            <dd>${sheet.allergies ?? p.none}</dd>
            <dt>${p.pai}</dt>
            <dd>${yesNo(sheet.pai)}</dd>
            <dt>${p.doctor}</dt>
            <dd>${[sheet.doctorName, sheet.doctorPhone].filter(Boolean).join(' — ') || this.t.notProvided}</dd>
            <dt>${p.vaccinations}</dt>
            <dd>${yesNo(sheet.vaccinationsUpToDate)}</dd>
          </dl>`
          : html`<p>${p.noHealthSheet}</p>`
      }
    </li>`;
  }

  #requestsTemplate(family: Family, requests: ChangeRequest[], guardianName: (id: string) => string): TemplateResult {
    const p = this.#p;
    if (requests.length === 0) return html`<p>${p.noRequest}</p>`;
    const childName = (id: string) => {
      const c = family.children.find((x) => x.id === id);
      return c ? `${c.firstName} ${c.lastName}` : '—';
    };
    const date = new Intl.DateTimeFormat(this.t.intlLocale, { dateStyle: 'long', timeZone: 'Europe/Paris' });
    return html`<ul part="requests" class="requests">
      ${requests.map(
        (r) => html`<li part="request" class="request" data-id=${r.id}>
          <p class="name">${p.describe(r.change, { child: childName, guardian: guardianName })}</p>
          <p>
            <time datetime=${r.createdAt}>${p.requestedOn(date.format(new Date(r.createdAt)))}</time> —
            <span class="status-${r.status}">${p.status[r.status]}</span>
          </p>
          ${r.staffComment ? html`<p><span class="label">${p.staffComment}&nbsp;:</span> ${r.staffComment}</p>` : nothing}
          ${r.attachments.length ? html`<p><span class="label">${p.documents}&nbsp;:</span> ${r.attachments.map((a) => a.name).join(', ')}</p>` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  // --- forms --------------------------------------------------------------------------

  /** A labelled input with its hint and error tied to it. */
  #field(
    name: string,
    label: string,
    value: string,
    options: { type?: string; hint?: string; required?: boolean; autocomplete?: string } = {},
  ) {
    const id = `f-${name}`;
    const error = this.#errors[name];
    const described = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${options.hint ? html`<p class="hint" id=${`${id}-hint`}>${options.hint}</p>` : nothing}
      <input
        id=${id}
        name=${name}
        type=${options.type ?? 'text'}
        .value=${value}
        ?required=${options.required ?? false}
        autocomplete=${options.autocomplete ?? nothing}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
      />
      ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  #formError(): TemplateResult | typeof nothing {
    const error = this.#errors.form;
    return error ? html`<p class="notice danger" role="alert">${error}</p>` : nothing;
  }

  #buttons(label: string): TemplateResult {
    const p = this.#p;
    return html`<div class="actions">
      <button type="submit" class="button" ?disabled=${this.#busy}>${this.#busy ? p.saving : label}</button>
      <button type="button" class="button secondary" @click=${() => this.#open(null)}>${p.cancel}</button>
    </div>`;
  }

  #me(family: Family) {
    const name = this.session.account?.displayName;
    return family.guardians.find((g) => `${g.firstName} ${g.lastName}` === name) ?? family.guardians[0];
  }

  #contactForm(family: Family): TemplateResult {
    const p = this.#p;
    const a = family.address;
    return html`<form part="form" novalidate aria-labelledby="contact-heading" @submit=${this.#saveContact}>
      ${heading(this.headingLevel, p.contactHeading, 'contact-heading')} ${this.#formError()}
      ${this.#field('phone', p.myPhone, this.#me(family)?.phone ?? '', { type: 'tel', hint: p.phoneHint, autocomplete: 'tel' })}
      ${this.#field('line1', p.addressLine1, a.line1, { required: true, autocomplete: 'address-line1' })}
      ${this.#field('line2', p.addressLine2, a.line2 ?? '', { autocomplete: 'address-line2' })}
      ${this.#field('postalCode', p.postalCode, a.postalCode, { required: true, hint: p.postalCodeHint, autocomplete: 'postal-code' })}
      ${this.#field('city', p.city, a.city, { required: true, autocomplete: 'address-level2' })} ${this.#buttons(p.save)}
    </form>`;
  }

  #emailForm(): TemplateResult {
    const p = this.#p;
    return html`<form part="form" novalidate aria-labelledby="email-heading" @submit=${this.#changeEmail}>
      ${heading(this.headingLevel, p.emailHeading, 'email-heading')} ${this.#formError()}
      ${this.#field('email', p.newEmail, '', { type: 'email', required: true, autocomplete: 'email' })} ${this.#buttons(p.sendLink)}
    </form>`;
  }

  #select(name: string, label: string, options: [string, string][]): TemplateResult {
    const id = `f-${name}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${name}>
        ${options.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select>
    </div>`;
  }

  #check(name: string, label: string, checked = false, onChange?: (event: Event) => void): TemplateResult {
    return html`<div class="field check">
      <input id=${`f-${name}`} name=${name} type="checkbox" .checked=${checked} @change=${onChange ?? nothing} />
      <label for=${`f-${name}`}>${label}</label>
    </div>`;
  }

  #requestForm(family: Family): TemplateResult {
    const p = this.#p;
    const guardians = family.guardians.map((g): [string, string] => [g.id, `${g.firstName} ${g.lastName}`]);
    const persons = (family.authorisedPersons ?? []).map((a): [string, string] => [a.id, `${a.name} (${a.relation})`]);
    const kinds = KINDS.filter(
      (k) => (k !== 'authorised_person_remove' || persons.length > 0) && (k !== 'health_sheet' || family.children.length > 0),
    );
    const kind = kinds.includes(this.#kind) ? this.#kind : (kinds[0] ?? 'family_status');
    let specific: TemplateResult;
    switch (kind) {
      case 'health_sheet': {
        specific = html`${this.#select(
          'childId',
          p.child,
          family.children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]),
        )}
        ${this.#field('allergies', p.allergies, '')} ${this.#check('pai', p.pai)}
        ${this.#field('doctorName', p.doctor, '', { autocomplete: 'off' })}
        ${this.#field('doctorPhone', `${p.doctor} — ${p.personPhone}`, '', { type: 'tel', hint: p.phoneHint })}
        ${this.#check('vaccinations', p.vaccinations)}`;
        break;
      }
      case 'authorised_person_add':
        specific = html`${this.#field('personName', p.personName, '', { required: true })}
        ${this.#field('personRelation', p.personRelation, '', { required: true })}
        ${this.#field('personPhone', p.personPhone, '', { type: 'tel', required: true, hint: p.phoneHint })}`;
        break;
      case 'authorised_person_remove':
        specific = this.#select('personId', p.personToRemove, persons);
        break;
      case 'family_status':
        specific = this.#select(
          'familyStatus',
          p.familyStatusLabel,
          STATUSES.map((s) => [s, p.familyStatus[s]]),
        );
        break;
      case 'shared_custody':
        specific = html`${this.#check('endCustody', p.endSharedCustody, this.#endCustody, (e) => {
          this.#endCustody = (e.target as HTMLInputElement).checked;
          this.requestUpdate();
        })}
        ${
          this.#endCustody
            ? nothing
            : html`${this.#select('billed', p.billedGuardian, guardians)} ${this.#select('even', p.evenWeeks, guardians)}
              ${this.#select('odd', p.oddWeeks, [...guardians].reverse())}`
        }`;
        break;
    }
    const filesId = 'f-files';
    return html`<form part="form" novalidate aria-labelledby="request-heading" @submit=${this.#sendRequest}>
      ${heading(this.headingLevel, p.requestHeading, 'request-heading')}
      <p class="hint">${p.requestIntro}</p>
      ${this.#formError()}
      <div class="field">
        <label for="f-kind">${p.subject}</label>
        <select
          id="f-kind"
          name="kind"
          .value=${kind}
          @change=${(e: Event) => {
            this.#kind = (e.target as HTMLSelectElement).value as Kind;
            this.#errors = {};
            this.requestUpdate();
          }}
        >
          ${kinds.map((k) => html`<option value=${k} ?selected=${k === kind}>${p.kind[k]}</option>`)}
        </select>
      </div>
      ${specific}
      <div class="field">
        <label for="f-comment">${p.comment}</label>
        <textarea id="f-comment" name="comment" rows="3" maxlength="1000"></textarea>
      </div>
      <div class="field">
        <label for=${filesId}>${p.attachments}</label>
        <p class="hint" id=${`${filesId}-hint`}>${p.attachmentsHint(MAX_MB)}</p>
        <input
          id=${filesId}
          name="files"
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-invalid=${this.#errors.files ? 'true' : 'false'}
          aria-describedby=${this.#errors.files ? `${filesId}-hint ${filesId}-error` : `${filesId}-hint`}
        />
        ${this.#errors.files ? html`<p class="field-error" id=${`${filesId}-error`}>${this.#errors.files}</p>` : nothing}
      </div>
      ${this.#buttons(p.send)}
    </form>`;
  }

  #open(editing: Editing): void {
    this.#editing = this.#editing === editing ? null : editing;
    this.#errors = {};
    if (this.#editing) {
      this.#status = '';
      this.#focus.focusLater(`${this.#editing}-heading`);
    }
    this.requestUpdate();
  }

  /** Shows the errors and puts the focus on the first field in error (or the form's error). */
  #fail(errors: Record<string, string>): void {
    this.#errors = errors;
    const first = Object.keys(errors)[0];
    this.requestUpdate();
    if (first && first !== 'form') {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#f-${first}`)?.focus());
    }
  }

  #done(message: string): void {
    this.#editing = null;
    this.#errors = {};
    this.#status = message;
    void this.#data.run();
    this.requestUpdate();
  }

  /** Runs a call with the form busy; a failure becomes the form's error. */
  async #submit(work: (client: PortailClient) => Promise<void>, invalid?: string): Promise<void> {
    const client = this.client;
    if (!client || this.#busy) return;
    this.#busy = true;
    this.requestUpdate();
    try {
      await work(client);
    } catch (error) {
      this.emitError(error);
      const code = problemCode(error);
      const message =
        code === 'validation_failed' && invalid
          ? invalid
          : code === 'too_many_pending_requests'
            ? this.#p.tooManyPending
            : problemMessage(error, this.t);
      this.#fail({ form: message });
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  readonly #saveContact = (event: SubmitEvent): void => {
    event.preventDefault();
    const p = this.#p;
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const errors: Record<string, string> = {};
    if (value('phone') && !isPhone(value('phone'))) errors.phone = p.invalidPhone;
    if (!value('line1')) errors.line1 = p.required;
    if (!/^\d{5}$/.test(value('postalCode'))) errors.postalCode = p.invalidPostalCode;
    if (!value('city')) errors.city = p.required;
    if (Object.keys(errors).length) return this.#fail(errors);
    void this.#submit(async (client) => {
      await client.updateMyContact({
        phone: value('phone') || null,
        address: { line1: value('line1'), line2: value('line2') || null, postalCode: value('postalCode'), city: value('city') },
      });
      this.#done(p.contactSaved);
    }, p.invalidPhone);
  };

  readonly #changeEmail = (event: SubmitEvent): void => {
    event.preventDefault();
    const p = this.#p;
    const email = String(new FormData(event.target as HTMLFormElement).get('email') ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return this.#fail({ email: p.invalidEmail });
    const family = this.#data.value?.family;
    const current = family ? this.#me(family)?.email : undefined;
    if (current && current.toLowerCase() === email.toLowerCase()) return this.#fail({ email: p.sameEmail });
    void this.#submit(async (client) => {
      const pending = await client.requestEmailChange(email);
      this.#done(p.emailLinkSent(pending.pendingEmail));
    }, p.invalidEmail);
  };

  readonly #sendRequest = (event: SubmitEvent): void => {
    event.preventDefault();
    const p = this.#p;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const kind = value('kind') as Kind;
    const errors: Record<string, string> = {};
    let change: ChangeProposal;
    switch (kind) {
      case 'health_sheet':
        if (value('doctorPhone') && !isPhone(value('doctorPhone'))) errors.doctorPhone = p.invalidPhone;
        change = {
          kind,
          childId: value('childId'),
          healthSheet: {
            allergies: value('allergies') || null,
            pai: data.get('pai') !== null,
            doctorName: value('doctorName') || null,
            doctorPhone: value('doctorPhone') || null,
            vaccinationsUpToDate: data.get('vaccinations') !== null,
          },
        };
        break;
      case 'authorised_person_add':
        if (!value('personName')) errors.personName = p.required;
        if (!value('personRelation')) errors.personRelation = p.required;
        if (!isPhone(value('personPhone'))) errors.personPhone = value('personPhone') ? p.invalidPhone : p.required;
        change = { kind, person: { name: value('personName'), relation: value('personRelation'), phone: value('personPhone') } };
        break;
      case 'authorised_person_remove':
        change = { kind, personId: value('personId') };
        break;
      case 'shared_custody':
        change = {
          kind,
          sharedCustody: this.#endCustody
            ? null
            : { billedGuardianId: value('billed'), evenWeeksGuardianId: value('even'), oddWeeksGuardianId: value('odd') },
        };
        break;
      default:
        change = { kind: 'family_status', familyStatus: value('familyStatus') as FamilyStatus };
    }
    const files = (data.getAll('files') as File[]).filter((f) => f instanceof File && f.name !== '');
    // A first check here spares sending a request whose documents would be refused; the
    // server still reads each file's real type from its content.
    const wrong = files.find((f) => !ALLOWED_TYPES.includes(f.type) || f.size > MAX_MB * 1024 * 1024 || f.size === 0);
    if (wrong) {
      const reason = !ALLOWED_TYPES.includes(wrong.type) ? p.fileType : wrong.size === 0 ? p.fileEmpty : p.fileTooLarge;
      errors.files = p.fileRefused(wrong.name, reason);
    } else if (files.length > 5) errors.files = p.tooManyFiles;
    if (Object.keys(errors).length) return this.#fail(errors);
    const comment = value('comment');
    void this.#submit(async (client) => {
      const request = await client.createChangeRequest(change, comment ? { comment } : {});
      // The request exists: each refused file is said, the others are joined.
      const refused: string[] = [];
      for (const file of files) {
        try {
          await client.uploadChangeRequestAttachment(request.id, file, file.name);
        } catch (error) {
          this.emitError(error);
          refused.push(p.fileRefused(file.name, this.#fileReason(error)));
        }
      }
      this.#done([p.requestSent, ...refused].join(' '));
    });
  };

  #fileReason(error: unknown): string {
    const p = this.#p;
    if (error instanceof FileRejectedError) {
      if (error.code === 'file_too_large') return p.fileTooLarge;
      if (error.code === 'file_empty') return p.fileEmpty;
      return p.fileType;
    }
    if (error instanceof PortailApiError && error.code === 'too_many_attachments') return p.tooManyFiles;
    return problemMessage(error, this.t);
  }
}

defineElement('pf-family-profile', PfFamilyProfile);

declare global {
  interface HTMLElementTagNameMap {
    'pf-family-profile': PfFamilyProfile;
  }
}
