import { css } from 'lit';
import { fieldStyles } from '../core/shared.styles.js';
import { themeStyles } from '../core/theme.styles.js';

// After the shared field styles: the « Afficher le mot de passe » line is spaced like a field.
export const styles = [
  themeStyles,
  fieldStyles,
  css`
    .base {
      max-width: var(--_max-width);
      padding: var(--_space);
    }

    .check {
      margin-bottom: var(--_space);
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
