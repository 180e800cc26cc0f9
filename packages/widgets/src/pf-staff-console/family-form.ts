import { type CreateFamilyRequest, type Family, type PortailClient, ValidationError } from '@portail-famille/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { heading } from '../core/fragments.js';
import type { FamilyFormField, Translation } from '../core/i18n/index.js';
import type { Guardian } from '../core/types.js';
import { staffProblemMessage } from './staff-problems.js';

type Relation = Guardian['relation'];

interface GuardianDraft {
  firstName: string;
  lastName: string;
  relation: Relation | '';
  email: string;
  phone: string;
}

interface ChildDraft {
  /** Stable key so removing a child keeps the other children's inputs (and focus) in place. */
  readonly key: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  school: string;
  grade: string;
}

interface FamilyDraft {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  quotientFamilial: string;
  guardians: GuardianDraft[];
  children: ChildDraft[];
}

/** A field's path in the request body, dotted: `address.postalCode`, `guardians.0.email`. */
type FieldPath = string;

const RELATIONS: readonly Relation[] = ['mother', 'father', 'guardian', 'other'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .]{6,20}$/;
const POSTAL_CODE = /^[0-9]{5}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const emptyGuardian = (): GuardianDraft => ({ firstName: '', lastName: '', relation: '', email: '', phone: '' });

export interface FamilyFormHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** `address.postalCode` → `nf-address-postalCode`, a valid and unique id in the shadow root. */
export const fieldId = (path: FieldPath): string => `nf-${path.replace(/\./g, '-')}`;

/** The form field a path ends with (`guardians.0.email` → `email`). */
function fieldOf(path: FieldPath): FamilyFormField | null {
  const last = path.split('.').pop() ?? '';
  const known: readonly FamilyFormField[] = [
    'line1',
    'line2',
    'postalCode',
    'city',
    'quotientFamilial',
    'firstName',
    'lastName',
    'relation',
    'email',
    'phone',
    'birthDate',
    'school',
    'grade',
  ];
  return (known as readonly string[]).includes(last) ? (last as FamilyFormField) : null;
}

/**
 * A server path (`/body/guardians/0/email`, `/guardians/0/email`, `body.guardians[0].email`)
 * as one of our dotted field paths.
 */
export function normalisePath(path: string): FieldPath {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[/.]/)
    .filter((part) => part !== '' && part !== 'body')
    .join('.');
}

/**
 * « Nouvelle famille »: the draft, its checks, the request and the server's field errors.
 * What was typed stays in the draft until the family is created.
 */
export class FamilyFormController {
  readonly #host: FamilyFormHost;
  readonly #onCreated: (family: Family) => void;
  readonly #onError: (error: unknown) => void;
  #draft: FamilyDraft = FamilyFormController.#empty();
  #errors: Record<FieldPath, string> = {};
  /** A problem not tied to a field (network, forbidden…), or the count of field errors. */
  #summary: string | null = null;
  #busy = false;
  #nextChildKey = 1;
  /** The key of the last attempt and its body: a retry of the same body never creates twice. */
  #attempt: { key: string; body: string } | null = null;
  readonly #focus: FocusAfterRenderController;

  constructor(host: FamilyFormHost, callbacks: { onCreated: (family: Family) => void; onError: (error: unknown) => void }) {
    this.#host = host;
    this.#onCreated = callbacks.onCreated;
    this.#onError = callbacks.onError;
    // No lifecycle hooks of its own: focus after render is the only one it needed.
    this.#focus = new FocusAfterRenderController(host);
  }

  static #empty(): FamilyDraft {
    return { line1: '', line2: '', postalCode: '', city: '', quotientFamilial: '', guardians: [emptyGuardian()], children: [] };
  }

  /** Forgets the draft (after logout, so the next person starts from a blank form). */
  reset(): void {
    this.#draft = FamilyFormController.#empty();
    this.#errors = {};
    this.#summary = null;
    this.#attempt = null;
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation, level: number): TemplateResult {
    const s = t.staff;
    const d = this.#draft;
    return html`<p>${s.newFamilyIntro}</p>
      <p class="hint">${s.requiredNote}</p>
      <div id="nf-alert" role="alert" part="error" class="notice danger">${this.#summary ? html`<p>${this.#summary}</p>` : nothing}</div>
      <form part="form" class="family-form" novalidate @submit=${(event: SubmitEvent) => void this.#submit(event, t)}>
        <fieldset>
          <legend>${s.addressLegend}</legend>
          <div class="grid">
            ${this.#text(t, 'address.line1', d, 'line1', { autocomplete: 'address-line1', wide: true })}
            ${this.#text(t, 'address.line2', d, 'line2', { autocomplete: 'address-line2', optional: true, wide: true })}
            ${this.#text(t, 'address.postalCode', d, 'postalCode', { autocomplete: 'postal-code', inputmode: 'numeric', size: 'short' })}
            ${this.#text(t, 'address.city', d, 'city', { autocomplete: 'address-level2', size: 'long' })}
            ${this.#text(t, 'quotientFamilial', d, 'quotientFamilial', { inputmode: 'numeric', optional: true, size: 'short' })}
          </div>
        </fieldset>
        ${d.guardians.map((g, i) => this.#guardianFieldset(t, g, i))}
        <div class="form-actions">
          ${
            d.guardians.length < 2
              ? html`<button class="button secondary" type="button" @click=${this.#addGuardian}>${s.addGuardian}</button>`
              : html`<button class="button secondary" type="button" @click=${this.#removeGuardian}>${s.removeGuardian}</button>`
          }
        </div>
        ${heading(level, t.children, 'nf-children-heading')}
        ${d.children.length === 0 ? html`<p class="hint">${s.noChildYet}</p>` : nothing}
        ${repeat(
          d.children,
          (c) => c.key,
          (c, i) => this.#childFieldset(t, c, i),
        )}
        <div class="form-actions">
          <button class="button secondary" type="button" @click=${this.#addChild}>${s.addChild}</button>
        </div>
        <div class="form-actions submit-row">
          <button class="button" part="submit" type="submit" ?disabled=${this.#busy}>${this.#busy ? s.creatingFamily : s.createFamily}</button>
        </div>
      </form>`;
  }

  #guardianFieldset(t: Translation, g: GuardianDraft, i: number): TemplateResult {
    const s = t.staff;
    const base = `guardians.${i}`;
    const relationPath = `${base}.relation`;
    const relationId = fieldId(relationPath);
    const relationError = this.#errors[relationPath];
    return html`<fieldset>
      <legend>${s.guardianLegend(i + 1)}</legend>
      <div class="grid">
        ${this.#text(t, `${base}.firstName`, g, 'firstName', { autocomplete: 'off' })}
        ${this.#text(t, `${base}.lastName`, g, 'lastName', { autocomplete: 'off' })}
        <div class="field">
          <label for=${relationId} part="label">${s.fieldLabel.relation}</label>
          <select
            id=${relationId}
            part="input"
            required
            aria-invalid=${relationError ? 'true' : 'false'}
            aria-describedby=${relationError ? `${relationId}-error` : nothing}
            .value=${live(g.relation)}
            @change=${(event: Event) => {
              g.relation = (event.target as HTMLSelectElement).value as Relation | '';
              this.#clearError(relationPath);
            }}
          >
            <option value="" ?selected=${g.relation === ''}>${s.chooseRelation}</option>
            ${RELATIONS.map((r) => html`<option value=${r} ?selected=${g.relation === r}>${s.relationOption[r]}</option>`)}
          </select>
          ${relationError ? html`<p id="${relationId}-error" part="field-error" class="field-error">${relationError}</p>` : nothing}
        </div>
        ${this.#text(t, `${base}.email`, g, 'email', { type: 'email', autocomplete: 'off', wide: true })}
        ${this.#text(t, `${base}.phone`, g, 'phone', { type: 'tel', autocomplete: 'off', optional: true })}
      </div>
    </fieldset>`;
  }

  #childFieldset(t: Translation, c: ChildDraft, i: number): TemplateResult {
    const s = t.staff;
    const base = `children.${i}`;
    return html`<fieldset>
      <legend>${s.childLegend(i + 1)}</legend>
      <div class="grid">
        ${this.#text(t, `${base}.firstName`, c, 'firstName', { autocomplete: 'off' })}
        ${this.#text(t, `${base}.lastName`, c, 'lastName', { autocomplete: 'off' })}
        ${this.#text(t, `${base}.birthDate`, c, 'birthDate', { type: 'date', size: 'short' })}
        ${this.#text(t, `${base}.school`, c, 'school', { optional: true })}
        ${this.#text(t, `${base}.grade`, c, 'grade', { optional: true, size: 'short' })}
      </div>
      <button class="link-button" type="button" @click=${() => this.#removeChild(c.key)}>${s.removeChild(i + 1)}</button>
    </fieldset>`;
  }

  #text<D extends object>(
    t: Translation,
    path: FieldPath,
    draft: D,
    key: keyof D & FamilyFormField,
    options: { type?: string; autocomplete?: string; inputmode?: string; optional?: boolean; wide?: boolean; size?: 'short' | 'long' } = {},
  ): TemplateResult {
    const s = t.staff;
    const id = fieldId(path);
    const error = this.#errors[path];
    const hint = s.fieldHint[key];
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const label = options.optional ? s.optional(s.fieldLabel[key]) : s.fieldLabel[key];
    return html`<div class="field ${options.wide ? 'wide' : ''} ${options.size ?? ''}">
      <label for=${id} part="label">${label}</label>
      ${hint ? html`<p id="${id}-hint" part="hint" class="hint">${hint}</p>` : nothing}
      <input
        id=${id}
        part="input"
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? nothing}
        inputmode=${options.inputmode ?? nothing}
        ?required=${!options.optional}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${live(String(draft[key] ?? ''))}
        @input=${(event: Event) => {
          (draft as Record<string, unknown>)[key] = (event.target as HTMLInputElement).value;
        }}
        @change=${() => this.#clearError(path)}
      />
      ${error ? html`<p id="${id}-error" part="field-error" class="field-error">${error}</p>` : nothing}
    </div>`;
  }

  #clearError(path: FieldPath): void {
    if (!(path in this.#errors)) return;
    const { [path]: _gone, ...rest } = this.#errors;
    this.#errors = rest;
    this.#host.requestUpdate();
  }

  readonly #addGuardian = (): void => {
    this.#draft.guardians.push(emptyGuardian());
    this.#focus.focusLater(fieldId('guardians.1.firstName'));
  };

  readonly #removeGuardian = (): void => {
    this.#draft.guardians.splice(1);
    this.#errors = Object.fromEntries(Object.entries(this.#errors).filter(([path]) => !path.startsWith('guardians.1.')));
    this.#focus.focusLater(fieldId('guardians.0.firstName'));
  };

  readonly #addChild = (): void => {
    const children = this.#draft.children;
    // A new child usually bears a guardian's last name: start from it.
    const lastName = children.at(-1)?.lastName || this.#draft.guardians[0]?.lastName || '';
    children.push({ key: this.#nextChildKey++, firstName: '', lastName, birthDate: '', school: '', grade: '' });
    this.#focus.focusLater(fieldId(`children.${children.length - 1}.firstName`));
  };

  #removeChild(key: number): void {
    const children = this.#draft.children;
    const index = children.findIndex((c) => c.key === key);
    if (index < 0) return;
    children.splice(index, 1);
    // Paths of the later children shift: drop the children's errors rather than mislabel them.
    this.#errors = Object.fromEntries(Object.entries(this.#errors).filter(([path]) => !path.startsWith('children.')));
    this.#focus.focusLater(
      children.length > 0 ? fieldId(`children.${Math.min(index, children.length - 1)}.firstName`) : 'nf-children-heading',
    );
  }

  // --- checks and request -----------------------------------------------------------

  #check(t: Translation): Record<FieldPath, string> {
    const m = t.staff.fieldInvalid;
    const d = this.#draft;
    const errors: Record<FieldPath, string> = {};
    const required = (path: FieldPath, value: string, field: FamilyFormField, max: number): void => {
      if (value.trim() === '' || value.trim().length > max) errors[path] = m[field];
    };
    required('address.line1', d.line1, 'line1', 200);
    if (d.line2.trim().length > 200) errors['address.line2'] = m.line2;
    if (!POSTAL_CODE.test(d.postalCode.trim())) errors['address.postalCode'] = m.postalCode;
    required('address.city', d.city, 'city', 100);
    const qf = d.quotientFamilial.replace(/\s/g, '');
    if (qf !== '' && (!/^\d+$/.test(qf) || Number(qf) > 100_000)) errors.quotientFamilial = m.quotientFamilial;
    d.guardians.forEach((g, i) => {
      required(`guardians.${i}.firstName`, g.firstName, 'firstName', 100);
      required(`guardians.${i}.lastName`, g.lastName, 'lastName', 100);
      if (g.relation === '') errors[`guardians.${i}.relation`] = m.relation;
      if (!EMAIL.test(g.email.trim()) || g.email.trim().length > 254) errors[`guardians.${i}.email`] = m.email;
      if (g.phone.trim() !== '' && !PHONE.test(g.phone.trim())) errors[`guardians.${i}.phone`] = m.phone;
    });
    d.children.forEach((c, i) => {
      required(`children.${i}.firstName`, c.firstName, 'firstName', 100);
      required(`children.${i}.lastName`, c.lastName, 'lastName', 100);
      if (!DATE.test(c.birthDate) || Number.isNaN(Date.parse(c.birthDate))) errors[`children.${i}.birthDate`] = m.birthDate;
      if (c.school.trim().length > 200) errors[`children.${i}.school`] = m.school;
      if (c.grade.trim().length > 20) errors[`children.${i}.grade`] = m.grade;
    });
    return errors;
  }

  #body(): CreateFamilyRequest {
    const d = this.#draft;
    const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
    const qf = d.quotientFamilial.replace(/\s/g, '');
    return {
      address: { line1: d.line1.trim(), line2: orNull(d.line2), postalCode: d.postalCode.trim(), city: d.city.trim() },
      quotientFamilial: qf === '' ? null : Number(qf),
      guardians: d.guardians.map((g) => ({
        firstName: g.firstName.trim(),
        lastName: g.lastName.trim(),
        relation: g.relation as Relation,
        email: g.email.trim(),
        phone: orNull(g.phone),
      })),
      children: d.children.map((c) => ({
        firstName: c.firstName.trim(),
        lastName: c.lastName.trim(),
        birthDate: c.birthDate,
        school: orNull(c.school),
        grade: orNull(c.grade),
      })),
    };
  }

  /** Shows field errors and moves focus to the first one. */
  #showErrors(errors: Record<FieldPath, string>, summary: string): void {
    this.#errors = errors;
    this.#summary = summary;
    const first = this.#orderedPaths().find((path) => path in errors);
    this.#focus.focusLater(first ? fieldId(first) : 'nf-alert');
  }

  /** Every field path in the order of the form, to focus the first error. */
  #orderedPaths(): FieldPath[] {
    const d = this.#draft;
    return [
      'address.line1',
      'address.line2',
      'address.postalCode',
      'address.city',
      'quotientFamilial',
      ...d.guardians.flatMap((_, i) => ['firstName', 'lastName', 'relation', 'email', 'phone'].map((f) => `guardians.${i}.${f}`)),
      ...d.children.flatMap((_, i) => ['firstName', 'lastName', 'birthDate', 'school', 'grade'].map((f) => `children.${i}.${f}`)),
    ];
  }

  async #submit(event: SubmitEvent, t: Translation): Promise<void> {
    event.preventDefault();
    const client = this.#host.client;
    if (this.#busy || !client) return;
    const errors = this.#check(t);
    const count = Object.keys(errors).length;
    if (count > 0) {
      this.#showErrors(errors, t.staff.formHasErrors(count));
      return;
    }
    const body = this.#body();
    const json = JSON.stringify(body);
    if (this.#attempt?.body !== json) this.#attempt = { key: globalThis.crypto.randomUUID(), body: json };
    this.#busy = true;
    this.#errors = {};
    this.#summary = null;
    this.#host.requestUpdate();
    try {
      const family = await client.createFamily(body, { idempotencyKey: this.#attempt.key });
      this.reset();
      this.#onCreated(family);
    } catch (error) {
      this.#onError(error);
      this.#failed(error, t);
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }

  #failed(error: unknown, t: Translation): void {
    if (error instanceof ValidationError && error.fieldErrors.length > 0) {
      const known = this.#orderedPaths();
      const errors: Record<FieldPath, string> = {};
      const unplaced: string[] = [];
      for (const { path } of error.fieldErrors) {
        const normal = normalisePath(path);
        const field = fieldOf(normal);
        if (field && known.includes(normal)) errors[normal] ??= t.staff.fieldInvalid[field];
        else unplaced.push(path);
      }
      const count = Object.keys(errors).length;
      if (count > 0) {
        this.#showErrors(errors, unplaced.length ? `${t.staff.formHasErrors(count)} ${t.validationFailed}` : t.staff.formHasErrors(count));
        return;
      }
    }
    this.#showErrors({}, staffProblemMessage(error, t));
  }
}
