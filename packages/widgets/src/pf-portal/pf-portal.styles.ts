import { css } from 'lit';
import { cardStyles, shellStyles } from '../core/shared.styles.js';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  shellStyles,
  cardStyles,
  css`
    .family-number {
      font-weight: 600;
    }

    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.125rem 0.75rem;
      margin: 0;
    }
  `,
];
