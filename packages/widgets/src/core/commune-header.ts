import type { CommunePublic, Me } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { bannerTemplate, heading } from './fragments.js';
import type { Translation } from './i18n/index.js';

export interface CommuneHeaderOptions {
  commune: CommunePublic;
  t: Translation;
  /** The widget's title, e.g. « Portail Famille — Val-de-Loire ». */
  title: string;
  headingLevel: number;
  /** Id of the title, so focus can return to it after signing out. */
  headingId: string;
  /** The signed-in account, shown with « Se déconnecter »; null shows neither. */
  account: Me | null;
  onLogout: () => void;
  /** The portal shows the commune's logo and banner; the staff console neither. */
  withLogo?: boolean;
  withBanner?: boolean;
  /** Whether the title's wrapper is exposed as `part="title"` (the staff console's is). */
  titlePart?: boolean;
}

/** The header of the full-page widgets: logo, title, signed-in account; then the banner. */
export function communeHeader(o: CommuneHeaderOptions): TemplateResult {
  const { commune, t, account } = o;
  return html`<header part="header" class="header">
      ${o.withLogo && commune.logoUrl ? html`<img part="logo" class="logo" src=${commune.logoUrl} alt="" />` : nothing}
      <div class="title" part=${o.titlePart ? 'title' : nothing}>${heading(o.headingLevel, o.title, o.headingId)}</div>
      ${
        account
          ? html`<div part="account" class="account">
            <span>${t.loggedInAs(account.displayName)}</span>
            <button class="button secondary" part="logout" type="button" @click=${o.onLogout}>${t.signOut}</button>
          </div>`
          : nothing
      }
    </header>
    ${o.withBanner ? bannerTemplate(commune, t) : nothing}`;
}
