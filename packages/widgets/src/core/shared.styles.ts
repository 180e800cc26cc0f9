import { css } from 'lit';

// Styles shared by several widgets, composed into their `static styles` after `themeStyles`
// and before their own rules, so an element's own rule of equal specificity still wins.
// Explanations stay in these TS comments: comments inside css`` would ship in the bundle.

/**
 * The frame of the full-page widgets (`<pf-portal>`, `<pf-staff-console>`): header and sections'
 * navigation. The inner `<pf-login>` loses its own padding: it sits in the widget's.
 */
export const shellStyles = css`
  .base {
    padding: var(--_space);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    margin-bottom: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .header .title {
    flex: 1 1 12rem;
  }

  .header [part~='heading'] {
    margin: 0;
  }

  .logo {
    width: auto;
    max-width: 6rem;
    height: 3rem;
    object-fit: contain;
  }

  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }

  .nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
    border-bottom: 1px solid var(--_border);
  }

  .nav-item {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  .nav-item[aria-current='page'] {
    border-bottom-color: var(--_primary);
    color: var(--_primary);
    font-weight: 600;
  }

  pf-login {
    padding: 0;
  }

  @container (max-width: 30rem) {
    .base {
      padding: calc(var(--_space) * 0.5);
    }
  }
`;

/**
 * Form fields: label, control, hint, the error tied to the field, checkbox or radio line.
 * Controls are every input but check and radio boxes (sized by `.check input`); `:where()`
 * keeps the specificity of a bare `input`, so `[aria-invalid]` and the widgets' own rules win.
 */
export const fieldStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-bottom: var(--_space);
  }

  label {
    font-weight: 600;
  }

  .check label {
    font-weight: normal;
  }

  input:where(:not([type='radio']):not([type='checkbox'])),
  select,
  textarea {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }

  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .field-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }

  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
  }

  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
`;

/** Guardians' and children's cards. */
export const cardStyles = css`
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_space);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }

  .card {
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }

  .card p {
    margin-bottom: 0.25rem;
  }

  .name,
  .label {
    font-weight: 600;
  }

  dt {
    color: var(--_muted);
  }

  dd {
    margin: 0;
  }

  @container (max-width: 30rem) {
    .cards {
      grid-template-columns: 1fr;
    }
  }
`;
