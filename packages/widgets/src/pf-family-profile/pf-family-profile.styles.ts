import { css } from 'lit';
import { cardStyles, fieldStyles } from '../core/shared.styles.js';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  fieldStyles,
  cardStyles,
  css`
    .base {
      padding: var(--_space);
      overflow-wrap: anywhere;
    }

    .family-number {
      font-weight: 600;
    }

    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.125rem 0.75rem;
      margin: 0;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 0.5);
      margin: 0 0 var(--_space);
    }

    form {
      max-width: 36rem;
      margin-bottom: var(--_space);
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    fieldset {
      margin: 0 0 var(--_space);
      padding: 0;
      border: 0;
    }

    .requests {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      margin: 0 0 var(--_space);
      padding: 0;
      list-style: none;
    }

    .request {
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .status-pending {
      color: var(--_warning);
    }

    .status-accepted {
      color: var(--_success);
    }

    .status-rejected {
      color: var(--_danger);
    }

    .status-pending,
    .status-accepted,
    .status-rejected {
      font-weight: 600;
    }

    @container (max-width: 30rem) {
      dl {
        grid-template-columns: 1fr;
      }
    }
  `,
];
