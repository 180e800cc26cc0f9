import { css } from 'lit';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  css`
    .base {
      max-width: var(--_max-width);
      padding: var(--_space);
    }

    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-bottom: var(--_space);
    }

    label {
      font-weight: 600;
    }

    input[type='text'],
    input[type='password'],
    input[type='email'] {
      width: 100%;
      min-height: 2.75rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }

    input[aria-invalid='true'] {
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
      margin-bottom: var(--_space);
    }

    .check input {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
      accent-color: var(--_primary);
    }

    .check label {
      font-weight: normal;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.5) var(--_space);
    }

    .contact {
      margin-top: calc(var(--_space) * 0.5);
    }

    .contact a {
      color: inherit;
    }

    @container (max-width: 30rem) {
      .base {
        padding: calc(var(--_space) * 0.5);
      }

      .actions {
        flex-direction: column;
        align-items: stretch;
      }

      .actions .link-button {
        text-align: left;
      }
    }
  `,
];
