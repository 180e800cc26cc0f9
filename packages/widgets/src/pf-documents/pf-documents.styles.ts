import { css } from 'lit';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  css`
    .base {
      padding: var(--_space);
    }

    .documents {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      margin: 0 0 var(--_space);
      padding: 0;
      list-style: none;
    }

    .document {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow-wrap: anywhere;
    }

    .document p {
      margin: 0;
    }

    .meta {
      font-size: 0.9em;
    }

    .my-data {
      margin-top: calc(var(--_space) * 1.5);
      padding-top: var(--_space);
      border-top: 1px solid var(--_border);
    }
  `,
];
