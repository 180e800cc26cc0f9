import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import { byButton, deepQueryAll, mount, visibleText, waitFor, waitForText } from '../testing/dom.js';
import { API, freshCommune } from '../testing/mock-api.js';
import { sampleDocument, useDocumentsApi } from '../testing/mock-documents.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../index.js';
import type { PfDocuments } from './pf-documents.js';

async function mountDocuments(attributes: Record<string, string> = {}, lang: 'fr' | 'en' = 'fr'): Promise<PfDocuments> {
  const element = mount('pf-documents', { api: API, commune: freshCommune(), ...attributes });
  await waitFor(() => deepQueryAll(element.shadowRoot!, 'form').length > 0);
  await signIn(element.shadowRoot!, undefined, undefined, lang);
  return element;
}

/** The server's answer: newest first. */
const documents = [
  sampleDocument('d1', { title: 'Menus de novembre', validFrom: '2026-11-01' }),
  sampleDocument('d2', {
    category: 'activity_planning',
    title: 'Planning des mercredis',
    audience: { kind: 'facility', facilityId: 'fac_1', facilityName: 'Groupe scolaire Jules Ferry' },
    file: { name: 'planning.png', mediaType: 'image/png', size: 1_572_864 },
  }),
  sampleDocument('d3', { title: 'Menus d’octobre', validFrom: '2026-10-01' }),
  sampleDocument('d4', { category: 'enrolment_form', title: 'Dossier d’inscription 2026-2027' }),
];

describe('<pf-documents>', () => {
  useMockApi();

  it('shows the documents by category, newest first, with their validity, type and size', async () => {
    useDocumentsApi({ documents });
    const el = await mountDocuments();
    await waitForText(el, 'Menus de novembre');
    await expectAccessible(el);
    const categories = deepQueryAll<HTMLElement>(el.shadowRoot!, '[part~="category"]').map((c) => c.dataset.category);
    equal(categories.join(','), 'canteen_menu,activity_planning,enrolment_form', 'categories in their order, empty ones left out');
    const menus = deepQueryAll<HTMLElement>(el.shadowRoot!, '[data-category="canteen_menu"] [part~="document"]');
    equal(menus.map((m) => m.dataset.id).join(','), 'd1,d3', 'newest first');
    const text = visibleText(el);
    includes(text, 'Menus de la cantine');
    includes(text, 'Plannings des activités');
    includes(text, 'Valable du 1 novembre 2026 au 30 novembre 2026 — PDF, 47 Ko');
    includes(text, 'PNG, 1,5 Mo');
    includes(text, 'Pour les familles de : Groupe scolaire Jules Ferry');
    ok(!text.includes('Pré-inscriptions scolaires'), 'no empty category');
  });

  it('downloads a document and says so', async () => {
    const api = useDocumentsApi({ documents });
    const el = await mountDocuments();
    await waitForText(el, 'Menus de novembre');
    byButton(el.shadowRoot!, 'Télécharger « Menus de novembre » (PDF, 47 Ko)').click();
    await waitForText(el, 'Le fichier « d1.pdf » a été téléchargé.');
    equal(api.downloads.join(','), 'd1');
  });

  it('says in plain words when there is no document, and still offers the family’s data', async () => {
    const api = useDocumentsApi();
    const el = await mountDocuments();
    await waitForText(el, 'Aucun document n’est disponible pour le moment.');
    await expectAccessible(el);
    includes(visibleText(el), 'Vos données personnelles');
    byButton(el.shadowRoot!, 'Télécharger mes données').click();
    await waitForText(el, 'Le fichier « donnees-famille-x-2026-11-22.json » a été téléchargé.');
    equal(api.exports, 1);
  });

  it('speaks English too', async () => {
    useDocumentsApi({ documents });
    const el = await mountDocuments({ lang: 'en' }, 'en');
    await waitForText(el, 'Canteen menus');
    includes(visibleText(el), 'Download my data');
  });
});
