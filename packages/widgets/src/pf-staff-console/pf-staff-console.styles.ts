import { css } from 'lit';
import { cardStyles, fieldStyles, shellStyles } from '../core/shared.styles.js';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  shellStyles,
  fieldStyles,
  cardStyles,
  css`
    /* Wider than the portal's: the console's header also holds the signed-in agent. */
    .header .title {
      flex-basis: 14rem;
    }

    /* Heading levels follow the page (heading-level); their look follows their role. */
    h5,
    h6 {
      margin: 0 0 calc(var(--_space) * 0.5);
      line-height: 1.25;
    }

    h5:focus,
    h6:focus {
      outline: none;
    }

    .family > [part~='heading'] {
      margin-top: calc(var(--_space) * 1.25);
      font-size: 1.15em;
    }

    .family > #family-heading {
      margin-top: 0;
      font-size: 1.3em;
    }

    .family-form [part~='heading'] {
      font-size: 1.15em;
    }

    .guardian > [part~='heading'] {
      margin-bottom: 0.25rem;
      font-size: 1.05em;
    }

    /* forms */
    fieldset {
      min-width: 0;
      margin: 0 0 var(--_space);
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    legend {
      padding: 0 0.25rem;
      font-weight: 600;
    }

    fieldset.choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
    }

    .grid {
      display: grid;
      grid-template-columns: repeat(6, minmax(0, 1fr));
      gap: 0 var(--_space);
    }

    .grid .field {
      grid-column: span 3;
    }

    .grid .field.wide {
      grid-column: span 6;
    }

    .grid .field.short {
      grid-column: span 2;
    }

    .grid .field.long {
      grid-column: span 4;
    }

    textarea {
      resize: vertical;
    }

    p.hint {
      margin-bottom: 0.25rem;
    }

    .form-actions,
    .card-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.5) var(--_space);
      margin-bottom: var(--_space);
    }

    /* the logo on documents: shown on a light card whatever the theme (it is printed on white paper) */
    .logo-figure {
      margin: 0 0 calc(var(--_space) * 0.5);
    }

    .logo-preview {
      display: block;
      max-width: min(100%, 15rem);
      max-height: 7.5rem;
      padding: calc(var(--_space) * 0.5);
      background: #fff;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .logo-form {
      max-width: 36rem;
      margin-top: var(--_space);
    }

    .submit-row {
      padding-top: calc(var(--_space) * 0.5);
      border-top: 1px solid var(--_border);
    }

    /* families */
    .search {
      max-width: 36rem;
      margin-bottom: calc(var(--_space) * 0.5);
    }

    .search .field {
      margin-bottom: calc(var(--_space) * 0.25);
    }

    .search-row {
      display: flex;
      gap: calc(var(--_space) * 0.5);
    }

    .search-row input {
      flex: 1 1 auto;
    }

    .list-status {
      color: var(--_muted);
    }

    .family-list {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) * 0.25);
      margin: 0 0 var(--_space);
      padding: 0;
      list-style: none;
    }

    .family-row {
      display: grid;
      grid-template-columns: 7rem minmax(0, 1fr) max-content;
      gap: 0.25rem var(--_space);
      align-items: baseline;
      width: 100%;
      min-height: 2.75rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
      text-align: left;
      cursor: pointer;
    }

    .family-row:hover {
      background: var(--_surface-alt);
    }

    .family-number {
      color: var(--_primary);
      font-weight: 600;
      text-decoration: underline;
      text-underline-offset: 0.15em;
    }

    .family-children {
      color: var(--_muted);
    }

    .more {
      margin-bottom: var(--_space);
    }

    .back {
      margin-bottom: calc(var(--_space) * 0.5);
    }

    .facts,
    .card dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 0.75rem;
      margin: 0 0 var(--_space);
    }

    /* Staff cards hold account actions: wider than the shared default (so the narrow
       single column is restated in the container query below, or this would win). */
    .cards {
      grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
    }

    .card dl {
      margin-bottom: 0;
    }

    .card .notice {
      margin: calc(var(--_space) * 0.5) 0;
    }

    .account-line {
      margin-top: calc(var(--_space) * 0.5);
    }

    .account-state {
      font-weight: 600;
    }

    .account-state.active {
      color: var(--_success);
    }

    .account-state.pending {
      color: var(--_warning);
    }

    .account-state.locked {
      color: var(--_danger);
    }

    .account-form {
      margin-top: calc(var(--_space) * 0.5);
    }

    .account-form .field {
      margin-bottom: calc(var(--_space) * 0.5);
    }

    /* pending booking requests: the table scrolls inside its box, never the page */
    .select-all {
      margin-bottom: calc(var(--_space) * 0.25);
    }

    /* every table of the console scrolls inside its box, never the page */
    .pending-box,
    .closures-box,
    .data-box {
      /* holds its visually hidden headers, which would otherwise widen the page */
      position: relative;
      max-width: 100%;
      margin-bottom: var(--_space);
      overflow-x: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .pending-table,
    .closures-table,
    .data-table {
      width: 100%;
      border-collapse: collapse;
    }

    .pending-table caption,
    .closures-table caption,
    .data-table caption {
      padding: 0.5rem 0.75rem;
      font-weight: 600;
      text-align: left;
    }

    .pending-table th,
    .pending-table td,
    .closures-table th,
    .closures-table td,
    .data-table th,
    .data-table td {
      padding: 0.5rem 0.75rem;
      border-top: 1px solid var(--_border);
      text-align: left;
      vertical-align: middle;
    }

    .pending-table thead th,
    .closures-table thead th,
    .data-table thead th {
      background: var(--_surface-alt);
      font-weight: 600;
      white-space: nowrap;
    }

    .pending-table tbody th {
      font-weight: normal;
      white-space: nowrap;
    }

    .pending-table tr.selected {
      background: var(--_surface-alt);
    }

    .select-cell {
      width: 2.75rem;
    }

    .select-cell input,
    .select-all input {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
      accent-color: var(--_primary);
    }

    .decide-form {
      max-width: 36rem;
    }

    .closure-form {
      max-width: 36rem;
    }

    /* billing and payments */
    .data-table tbody th {
      font-weight: 600;
      white-space: nowrap;
    }

    .data-table .num {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }

    .data-table tfoot th,
    .data-table tfoot td {
      border-top: 2px solid var(--_border);
    }

    .data-table tr.flagged {
      background: var(--_warning-surface);
    }

    .data-table .nowrap {
      white-space: nowrap;
    }

    .data-table .hint {
      font-size: 0.9em;
    }

    .flag {
      color: var(--_warning);
    }

    .settle-button {
      margin-top: 0.25rem;
    }

    .state.cancelled,
    .state.refused {
      color: var(--_muted);
    }

    .run-form,
    .filters,
    .credit-form,
    .desk-form,
    .settle-form {
      max-width: 40rem;
    }

    .confirm {
      margin-top: calc(var(--_space) * 0.5);
    }

    .confirm .form-actions {
      margin-bottom: 0;
    }

    .filters > .check {
      margin-bottom: calc(var(--_space) * 0.5);
    }

    /* the parts of the billing tabs: each heading opens a new block */
    .billing-tab > [part~='heading'],
    .payments-tab > [part~='heading'],
    .invoice > [part~='heading'],
    .settle > [part~='heading'] {
      margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.5);
      font-size: 1.15em;
    }

    .billing-tab > [part~='heading'],
    .payments-tab > [part~='heading'] {
      padding-top: var(--_space);
      border-top: 1px solid var(--_border);
    }

    .invoice > #invoice-heading,
    .settle > #settle-heading {
      margin-top: 0;
    }

    .settle {
      max-width: 40rem;
      margin-bottom: var(--_space);
    }

    .invoice .facts dd,
    .settle .facts dd {
      margin: 0;
    }

    .credit-notes {
      padding-left: 1.25rem;
    }

    .family-credit {
      max-width: 40rem;
    }

    @container (max-width: 40rem) {
      .grid .field,
      .grid .field.short,
      .grid .field.long {
        grid-column: span 6;
      }

      .family-row {
        grid-template-columns: 1fr;
      }
    }

    @container (max-width: 30rem) {
      fieldset {
        padding: calc(var(--_space) * 0.5);
      }

      .cards {
        grid-template-columns: 1fr;
      }

      .form-actions,
      .card-actions {
        flex-direction: column;
        align-items: stretch;
      }

      .search-row {
        flex-direction: column;
      }
    }
  `,
];
