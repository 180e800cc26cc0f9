import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

/** What a field says around its control. */
export interface FieldText {
  id: string;
  label: string;
  hint?: string | null | undefined;
  /** The mistake to fix, tied to the control (`aria-describedby`, `aria-invalid`). */
  error?: string | undefined;
}

/** What the control of a field carries so that its hint and error are read with it. */
export interface FieldAria {
  describedBy: string | typeof nothing;
  invalid: 'true' | 'false';
}

/** A labelled field of the console's forms: label, hint, the control, the error under it. */
export function field(o: FieldText, control: (aria: FieldAria) => TemplateResult): TemplateResult {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${o.id} part="label">${o.label}</label>
    ${o.hint ? html`<p id="${o.id}-hint" part="hint" class="hint">${o.hint}</p>` : nothing}
    ${control({ describedBy: describedBy || nothing, invalid: o.error ? 'true' : 'false' })}
    ${o.error ? html`<p id="${o.id}-error" part="field-error" class="field-error">${o.error}</p>` : nothing}
  </div>`;
}

export interface InputField extends FieldText {
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'date' | 'month';
  maxLength?: number;
  /** An amount (« 12,50 »): the numeric keyboard on phones. */
  decimal?: boolean;
  required?: boolean;
}

/** A labelled one-line input. */
export function inputField(o: InputField): TemplateResult {
  const type = o.type ?? 'text';
  return field(
    o,
    (aria) => html`<input
      id=${o.id}
      part="input"
      type=${type}
      inputmode=${o.decimal ? 'decimal' : nothing}
      autocomplete=${type === 'text' ? 'off' : nothing}
      maxlength=${o.maxLength ?? nothing}
      ?required=${o.required ?? false}
      aria-invalid=${aria.invalid}
      aria-describedby=${aria.describedBy}
      .value=${live(o.value)}
      @input=${(event: Event) => o.onInput((event.target as HTMLInputElement).value)}
    />`,
  );
}

/** A labelled text area (a reason, a comment). */
export function textareaField(o: FieldText & { value: string; onInput: (value: string) => void; maxLength: number }): TemplateResult {
  return field(
    o,
    (aria) => html`<textarea
      id=${o.id}
      part="input"
      rows="2"
      maxlength=${o.maxLength}
      aria-invalid=${aria.invalid}
      aria-describedby=${aria.describedBy}
      .value=${live(o.value)}
      @input=${(event: Event) => o.onInput((event.target as HTMLTextAreaElement).value)}
    ></textarea>`,
  );
}
