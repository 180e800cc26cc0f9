import type { CommunePublic } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from './i18n/index.js';

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
