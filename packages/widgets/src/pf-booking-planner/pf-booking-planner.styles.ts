import { css } from 'lit';
import { fieldStyles } from '../core/shared.styles.js';
import { themeStyles } from '../core/theme.styles.js';

/** The colours of states and outcomes, shared by the planner and « Mes réservations ». */
export const bookingStateStyles = css`
  .state-booked,
  .outcome-accepted,
  .status-accepted {
    --_cell-fg: var(--_success);
    --_cell-bg: var(--_success-surface);
  }

  .state-pending,
  .state-waiting_list,
  .outcome-pending,
  .outcome-waiting_list,
  .status-pending,
  .status-partially_accepted {
    --_cell-fg: var(--_warning);
    --_cell-bg: var(--_warning-surface);
  }

  .state-refused,
  .outcome-refused,
  .status-refused {
    --_cell-fg: var(--_danger);
    --_cell-bg: var(--_danger-surface);
  }

  .icon {
    display: inline-block;
    min-width: 1.25em;
    color: var(--_cell-fg, inherit);
    font-weight: 700;
    text-align: center;
  }
`;

export const styles = [
  themeStyles,
  fieldStyles,
  bookingStateStyles,
  css`
    :host {
      --_cell-min: var(--pf-planner-cell-min-width, 6.5rem);
    }

    .base {
      padding: var(--_space);
    }

    .choosers {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
    }

    .choosers .field {
      flex: 1 1 14rem;
      min-width: 0;
    }

    fieldset {
      margin: 0 0 var(--_space);
      padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    legend {
      font-weight: 600;
    }

    .quick {
      margin-bottom: var(--_space);
      padding: calc(var(--_space) * 0.75);
      border-radius: var(--_radius);
      background: var(--_surface-alt);
    }

    .quick fieldset {
      background: var(--_surface);
    }

    .row,
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.5) var(--_space);
      margin-bottom: calc(var(--_space) * 0.75);
    }

    .actions .count {
      flex: 1 1 100%;
      margin: 0;
    }

    .week-nav {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: calc(var(--_space) * 0.5);
      margin-bottom: calc(var(--_space) * 0.5);
    }

    .week-label {
      flex: 1 1 12rem;
      margin: 0;
      font-weight: 600;
      text-align: center;
    }

    .grid-box {
      position: relative;
      max-width: 100%;
      margin-bottom: var(--_space);
      overflow-x: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .grid {
      width: 100%;
      border-collapse: collapse;
    }

    .grid th,
    .grid td {
      padding: 0.25rem;
      border: 1px solid var(--_border);
      text-align: center;
    }

    .grid thead th,
    .grid tbody th {
      background: var(--_surface-alt);
      font-weight: 600;
      white-space: nowrap;
    }

    /* On a phone the activities scroll sideways; the day stays in view. */
    .grid tbody th,
    .grid thead th:first-child {
      position: sticky;
      left: 0;
      z-index: 1;
      text-align: left;
    }

    .grid td {
      min-width: var(--_cell-min);
    }

    .cell {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      width: 100%;
      min-width: 2.75rem;
      min-height: 2.75rem;
      padding: 0.25rem;
      border: 2px solid transparent;
      border-radius: var(--_radius);
      background: var(--_cell-bg, var(--_surface));
      color: var(--_text);
      font: inherit;
      cursor: pointer;
    }

    .cell .icon {
      font-size: 1.25em;
    }

    .places {
      font-size: 0.8em;
      color: var(--_muted);
    }

    .cell.choice-add,
    .cell.choice-cancel {
      border-color: var(--_primary);
      background: var(--_primary);
      color: var(--_on-primary);
      --_cell-fg: var(--_on-primary);
    }

    .cell.choice-add .places,
    .cell.choice-cancel .places {
      color: var(--_on-primary);
    }

    .cell.choice-cancel {
      background: var(--_surface);
      color: var(--_primary);
      border-style: dashed;
      --_cell-fg: var(--_primary);
    }

    .cell.locked {
      border: 1px dashed var(--_border);
      background: repeating-linear-gradient(135deg, var(--_surface-alt) 0 6px, var(--_surface) 6px 12px);
      cursor: not-allowed;
    }

    /* The activity does not run that day: nothing to book, so no box at all. */
    .cell.locked.none {
      border-color: transparent;
      background: none;
      color: var(--_muted);
    }

    .legend ul,
    .lines {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
      margin: 0 0 var(--_space);
      padding: 0;
      list-style: none;
    }

    .lines {
      flex-direction: column;
    }

    .legend li {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }

    .swatch.cell {
      display: inline-flex;
      width: 2rem;
      min-width: 2rem;
      min-height: 2rem;
      cursor: default;
    }

    .line {
      display: flex;
      gap: 0.5rem;
    }

    .status-line {
      font-weight: 600;
    }

    .period-dates {
      margin-bottom: var(--_space);
    }
  `,
];
