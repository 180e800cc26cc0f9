import { css } from 'lit';
import { themeStyles } from '../core/theme.styles.js';
import { bookingStateStyles } from '../pf-booking-planner/pf-booking-planner.styles.js';

export const styles = [
  themeStyles,
  bookingStateStyles,
  css`
    .base {
      padding: var(--_space);
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
      overflow-wrap: anywhere;
    }

    .title {
      margin-bottom: 0.5rem;
    }

    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.125rem 0.75rem;
      margin: 0 0 0.5rem;
    }

    dt {
      color: var(--_muted);
    }

    dd {
      margin: 0;
    }

    summary {
      min-height: 2.75rem;
      padding: 0.5rem 0;
      color: var(--_primary);
      cursor: pointer;
    }

    .lines,
    .legend ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .legend {
      margin-top: var(--_space);
    }

    .legend ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
    }

    .legend-title {
      margin-bottom: 0.25rem;
      font-weight: 600;
    }
  `,
];
