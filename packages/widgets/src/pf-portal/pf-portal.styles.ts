import { css } from 'lit';
import { themeStyles } from '../core/theme.styles.js';

export const styles = [
  themeStyles,
  css`
    .base {
      padding: var(--_space);
    }

    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
      margin-bottom: var(--_space);
      padding: calc(var(--_space) * 0.75);
      border-radius: var(--_radius);
      background: var(--_surface-alt);
    }

    .header .title {
      flex: 1 1 12rem;
    }

    .header [part~='heading'] {
      margin: 0;
    }

    .logo {
      width: auto;
      max-width: 6rem;
      height: 3rem;
      object-fit: contain;
    }

    .account {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
    }

    .nav ul {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 0.25);
      margin: 0 0 var(--_space);
      padding: 0;
      list-style: none;
      border-bottom: 1px solid var(--_border);
    }

    .nav-item {
      min-height: 2.75rem;
      padding: 0.5rem 1rem;
      border: 0;
      border-bottom: 3px solid transparent;
      background: none;
      color: var(--_text);
      font: inherit;
      cursor: pointer;
    }

    .nav-item[aria-current='page'] {
      border-bottom-color: var(--_primary);
      color: var(--_primary);
      font-weight: 600;
    }

    .family-number {
      font-weight: 600;
    }

    .label {
      font-weight: 600;
    }

    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: var(--_space);
      margin: 0 0 var(--_space);
      padding: 0;
      list-style: none;
    }

    .card {
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      overflow-wrap: anywhere;
    }

    .card p {
      margin-bottom: 0.25rem;
    }

    .name {
      font-weight: 600;
    }

    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.125rem 0.75rem;
      margin: 0;
    }

    dt {
      color: var(--_muted);
    }

    dd {
      margin: 0;
    }

    pf-login {
      padding: 0;
    }

    @container (max-width: 30rem) {
      .base {
        padding: calc(var(--_space) * 0.5);
      }

      .cards {
        grid-template-columns: 1fr;
      }
    }
  `,
];
