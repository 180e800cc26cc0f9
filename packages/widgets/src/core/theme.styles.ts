import { css } from 'lit';

/**
 * The dark defaults, for `theme="dark"` and for `theme="auto"` on a dark system. CSS cannot
 * put a selector and a media condition in one rule, so the block must appear twice in the
 * sheet; writing it once here and interpolating it keeps one source. Never adopted alone.
 */
const darkTokens = css`
  --_primary: var(--pf-color-primary, #a8c8ff);
  --_on-primary: var(--pf-color-on-primary, #0b1c33);
  --_text: var(--pf-color-text, #eceef2);
  --_muted: var(--pf-color-text-muted, #bcc1ca);
  --_surface: var(--pf-color-surface, #16181d);
  --_surface-alt: var(--pf-color-surface-alt, #23262d);
  --_border: var(--pf-color-border, #8d939d);
  --_danger: var(--pf-color-danger, #ffb4ab);
  --_danger-surface: var(--pf-color-danger-surface, #3b1714);
  --_success: var(--pf-color-success, #93d6a3);
  --_success-surface: var(--pf-color-success-surface, #15301c);
  --_warning: var(--pf-color-warning, #f2c76e);
  --_warning-surface: var(--pf-color-warning-surface, #33290f);
  --_focus: var(--pf-color-focus, #a8c8ff);
  color-scheme: dark;
`;

/**
 * The design tokens every widget reads. Each public `--pf-*` property carries its default
 * here, so a widget looks right on a page that sets none; the private `--_*` copies pick the
 * light or dark default. Pages override a token on the element or any ancestor.
 */
export const themeStyles = css`
  :host {
    --_primary: var(--pf-color-primary, #1d4f91);
    --_on-primary: var(--pf-color-on-primary, #ffffff);
    --_text: var(--pf-color-text, #1b1c1f);
    --_muted: var(--pf-color-text-muted, #4b505a);
    --_surface: var(--pf-color-surface, #ffffff);
    --_surface-alt: var(--pf-color-surface-alt, #f2f4f7);
    --_border: var(--pf-color-border, #767b85);
    --_danger: var(--pf-color-danger, #b3261e);
    --_danger-surface: var(--pf-color-danger-surface, #fdecea);
    --_success: var(--pf-color-success, #1c6b32);
    --_success-surface: var(--pf-color-success-surface, #e7f4ea);
    --_warning: var(--pf-color-warning, #7a4f00);
    --_warning-surface: var(--pf-color-warning-surface, #fff4d6);
    --_focus: var(--pf-color-focus, #1d4f91);
    --_font: var(--pf-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_font-size: var(--pf-font-size, 1rem);
    --_radius: var(--pf-radius, 0.375rem);
    --_space: var(--pf-space, 1rem);
    --_max-width: var(--pf-max-width, 40rem);

    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    color-scheme: light;
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
  }

  :host([theme='dark']) {
    ${darkTokens}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  h2,
  h3,
  h4 {
    margin: 0 0 calc(var(--_space) * 0.75);
    line-height: 1.25;
  }

  h2:focus,
  h3:focus,
  h4:focus {
    outline: none;
  }

  p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }

  a {
    color: var(--_primary);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .button.secondary {
    background: transparent;
    color: var(--_primary);
  }

  .button[disabled] {
    cursor: progress;
    opacity: 0.75;
  }

  .link-button {
    display: inline;
    min-height: 2.75rem;
    padding: 0.5rem 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  .notice {
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-left: 4px solid currentColor;
    border-radius: var(--_radius);
  }

  .notice:empty {
    display: none;
  }

  .notice.danger {
    color: var(--_danger);
    background: var(--_danger-surface);
  }

  .notice.success {
    color: var(--_success);
    background: var(--_success-surface);
  }

  .notice.warning {
    color: var(--_warning);
    background: var(--_warning-surface);
  }

  .notice.info {
    color: var(--_text);
    background: var(--_surface-alt);
    border-left-color: var(--_primary);
  }

  .notice > :last-child {
    margin-bottom: 0;
  }
`;
