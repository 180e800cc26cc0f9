import { css } from 'lit';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  css`
    .invoices {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      margin: 0 0 var(--_space);
      padding: 0;
      list-style: none;
    }

    .invoice {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.5rem 0.75rem;
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow-wrap: anywhere;
    }

    .pick {
      display: flex;
      align-items: flex-start;
      min-width: 2.75rem;
      min-height: 2.75rem;
    }

    .pick input {
      width: 1.5rem;
      height: 1.5rem;
      margin: 0.25rem;
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

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .state-to_pay {
      color: var(--_warning);
    }
    .state-partly_paid {
      color: var(--_warning);
    }
    .state-paid {
      color: var(--_success);
    }
    .state-cancelled {
      color: var(--_muted);
    }

    .selection {
      font-weight: 600;
    }

    .legend ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .legend-title {
      margin-bottom: 0.25rem;
      font-weight: 600;
    }

    dialog {
      max-width: min(40rem, 95vw);
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    table {
      width: 100%;
      border-collapse: collapse;
      margin-bottom: var(--_space);
    }

    th,
    td {
      padding: 0.25rem 0.5rem;
      border-bottom: 1px solid var(--_border);
      text-align: left;
    }

    .num {
      text-align: right;
    }
  `,
];
