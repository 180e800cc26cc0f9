import type { CommunePublic } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { formatCivilDate, type Translation } from './i18n/index.js';
import type { Child } from './types.js';

/**
 * A heading at the level the page asks for (widgets sit under the page's own headings).
 * With an `id` it can receive focus when a view changes.
 */
export function heading(level: number, text: string | TemplateResult, id?: string): TemplateResult {
  const tabindex = id ? '-1' : nothing;
  const idAttr = id ?? nothing;
  switch (Math.min(Math.max(Math.round(level), 1), 6)) {
    case 1:
      return html`<h1 id=${idAttr} tabindex=${tabindex} part="heading">${text}</h1>`;
    case 2:
      return html`<h2 id=${idAttr} tabindex=${tabindex} part="heading">${text}</h2>`;
    case 3:
      return html`<h3 id=${idAttr} tabindex=${tabindex} part="heading">${text}</h3>`;
    case 4:
      return html`<h4 id=${idAttr} tabindex=${tabindex} part="heading">${text}</h4>`;
    case 5:
      return html`<h5 id=${idAttr} tabindex=${tabindex} part="heading">${text}</h5>`;
    default:
      return html`<h6 id=${idAttr} tabindex=${tabindex} part="heading">${text}</h6>`;
  }
}

/** The commune's banner (information or maintenance notice), if it has one. */
export function bannerTemplate(commune: CommunePublic, t: Translation): TemplateResult | typeof nothing {
  const banner = commune.banner;
  if (!banner) return nothing;
  const maintenance = banner.kind === 'maintenance';
  return html`<div part="banner" class="notice ${maintenance ? 'warning' : 'info'}" data-kind=${banner.kind}>
    <p><strong>${maintenance ? t.bannerMaintenance : t.bannerInfo}&nbsp;:</strong> ${banner.message}</p>
  </div>`;
}

/** How to reach the child services: name, phone and email links. */
export function contactTemplate(commune: CommunePublic | undefined, t: Translation): TemplateResult | typeof nothing {
  if (!commune) return nothing;
  const { serviceName, phone, email } = commune.contact;
  return html`<p part="contact" class="contact">
    ${t.contactIntro(serviceName)}
    ${phone ? html`<br />${t.phone}&nbsp;: <a href="tel:${phone.replace(/[^+0-9]/g, '')}">${phone}</a>` : nothing}
    ${email ? html`<br />${t.email}&nbsp;: <a href="mailto:${email}">${email}</a>` : nothing}
  </p>`;
}

/** The polite « Chargement… » line shown while something loads. */
export function loadingTemplate(t: Translation, className?: string): TemplateResult {
  return html`<p role="status" class=${className ?? nothing}>${t.loading}</p>`;
}

/** An error notice with a « Réessayer » button that runs the failed load again. */
export function retryNotice(message: string, t: Translation, retry: () => void, part?: string): TemplateResult {
  return html`<div class="notice danger" role="alert" part=${part ?? nothing}>
    <p>${message}</p>
    <button class="button secondary" type="button" @click=${retry}>${t.retry}</button>
  </div>`;
}

export interface EmbeddedLoginOptions {
  headingLevel: number;
  lang: string;
  theme: string | undefined;
  onLogin: () => void;
  /** `staff` for the staff console's sign-in heading. */
  audience?: 'family' | 'staff';
  /** When the enclosing widget already shows the commune's banner. */
  hideBanner?: boolean;
}

/**
 * The `<pf-login>` a full-page widget shows while signed out. Its parts are exported as
 * `login-…` so the page can style them through the enclosing widget.
 */
export function embeddedLogin(o: EmbeddedLoginOptions): TemplateResult {
  return html`<pf-login
    part="login"
    exportparts="form: login-form, input: login-input, label: login-label, submit: login-submit, link: login-link, error: login-error, status: login-status, heading: login-heading"
    audience=${o.audience ?? nothing}
    ?hide-banner=${o.hideBanner ?? false}
    heading-level=${o.headingLevel}
    lang=${o.lang}
    theme=${o.theme ?? nothing}
    @pf-login=${o.onLogin}
  ></pf-login>`;
}

/** The children of a family as cards (the portal's « Ma famille », the console's family file). */
export function childCards(children: readonly Child[], t: Translation): TemplateResult {
  return html`<ul class="cards">
    ${children.map(
      (c) => html`<li part="card" class="card">
        <p class="name">${c.firstName} ${c.lastName}</p>
        <dl>
          <dt>${t.birthDate}</dt>
          <dd><time datetime=${c.birthDate}>${formatCivilDate(c.birthDate, t)}</time></dd>
          <dt>${t.school}</dt>
          <dd>${c.school ?? t.notProvided}</dd>
          <dt>${t.grade}</dt>
          <dd>${c.grade ?? t.notProvided}</dd>
        </dl>
      </li>`,
    )}
  </ul>`;
}
