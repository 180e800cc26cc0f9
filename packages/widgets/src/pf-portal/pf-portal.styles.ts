import { css } from 'lit';
import { cardStyles, shellStyles } from '../core/shared.styles.js';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  shellStyles,
  cardStyles,
  css`
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 0.25);
      margin: 0 0 var(--_space);
      border-bottom: 1px solid var(--_border);
    }

    .nav-item[aria-selected='true'] {
      border-bottom-color: var(--_primary);
      color: var(--_primary);
      font-weight: 600;
    }

    pf-booking-planner::part(base),
    pf-family-profile::part(base),
    pf-reservation-list::part(base) {
      padding: 0;
    }

    /* « Mes paiements » comes under « Payer en ligne »: a section of its own, not glued to it. */
    pf-payment-list {
      display: block;
      margin-top: calc(var(--_space) * 1.5);
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
  `,
];
