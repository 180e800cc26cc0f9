import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import {
  byButton,
  byLabel,
  byLabelControl,
  choose,
  deepActiveElement,
  deepQueryAll,
  mount,
  type,
  visibleText,
  waitFor,
  waitForText,
} from '../testing/dom.js';
import { API, freshCommune } from '../testing/mock-api.js';
import { sampleChangeRequest, useProfileApi } from '../testing/mock-profile.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../index.js';
import type { PfFamilyProfile } from './pf-family-profile.js';

async function mountProfile(attributes: Record<string, string> = {}): Promise<PfFamilyProfile> {
  // Signed in through a <pf-login> sharing the same client (same api + commune).
  const commune = freshCommune();
  const login = mount('pf-login', { api: API, commune });
  await waitFor(() => byLabel(login.shadowRoot!, 'Identifiant'));
  await signIn(login.shadowRoot!);
  const element = mount('pf-family-profile', { api: API, commune, ...attributes });
  await waitForText(element, 'Dossier famille n° F-0042');
  return element;
}

function attach(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<pf-family-profile>', () => {
  useMockApi();

  it('shows the family: guardians, children with their health sheet, address, authorised persons, status and requests', async () => {
    useProfileApi({
      requests: [
        sampleChangeRequest({
          status: 'rejected',
          staffComment: 'Merci de joindre le jugement.',
          attachments: [
            {
              id: 'a1',
              name: 'jugement.pdf',
              mediaType: 'application/pdf',
              size: 10,
              sha256: '0'.repeat(64),
              uploadedAt: '2026-03-02T09:30:00+01:00',
            },
          ],
        }),
      ],
    });
    const el = await mountProfile();
    await expectAccessible(el);
    const text = visibleText(el);
    includes(text, 'Adresse : 3 rue des Écoles , 44000 Val-de-Loire');
    includes(text, 'Situation familiale Marié(e)s');
    includes(text, 'Garde alternée Non');
    includes(text, 'Marie Dupont Mère');
    includes(text, 'Fiche sanitaire — Léa Dupont Allergies Arachide PAI Oui Médecin traitant Dr Morel — 02 40 12 34 56 Vaccins à jour Oui');
    includes(text, 'Fiche sanitaire — Tom Dupont Fiche sanitaire non renseignée');
    includes(text, 'Jeanne Martin grand-mère 06 11 22 33 44');
    includes(text, 'Situation familiale : Séparé(e)s');
    includes(text, 'Demandée le 2 mars 2026 — Refusée');
    includes(text, 'Réponse du service : Merci de joindre le jugement.');
    includes(text, 'Justificatifs : jugement.pdf');
  });

  it('edits the phone and address directly; a wrong phone or postal code is said next to its field', async () => {
    const log = useProfileApi();
    const el = await mountProfile();
    const root = el.shadowRoot!;
    byButton(root, 'Modifier mes coordonnées').click();
    await waitFor(() => byLabel(root, 'Mon téléphone'));
    await waitFor(() => deepActiveElement()?.id === 'contact-heading');
    await expectAccessible(el);
    type(byLabel(root, 'Mon téléphone'), '12 34');
    type(byLabel(root, 'Code postal'), '440');
    byButton(root, 'Enregistrer').click();
    await waitForText(el, 'Ce numéro de téléphone n’est pas valide');
    includes(visibleText(el), 'Le code postal compte 5 chiffres.');
    const phone = byLabel(root, 'Mon téléphone');
    equal(phone.getAttribute('aria-invalid'), 'true');
    ok(phone.getAttribute('aria-describedby')?.includes('f-phone-error'), 'the error is tied to its field');
    await waitFor(() => deepActiveElement() === phone);
    await expectAccessible(el);
    equal(log.contact.length, 0, 'nothing sent');

    type(byLabel(root, 'Mon téléphone'), '06 98 76 54 32');
    type(byLabel(root, 'Code postal'), '44100');
    type(byLabel(root, 'Adresse'), '12 rue du Port');
    byButton(root, 'Enregistrer').click();
    await waitForText(el, 'Vos coordonnées sont enregistrées.');
    await waitForText(el, '12 rue du Port , 44100 Val-de-Loire');
    includes(visibleText(el), '06 98 76 54 32');
    equal(
      JSON.stringify(log.contact[0]),
      JSON.stringify({
        phone: '06 98 76 54 32',
        address: { line1: '12 rue du Port', line2: null, postalCode: '44100', city: 'Val-de-Loire' },
      }),
    );
    equal(deepQueryAll(root, '[role="status"]')[0]?.textContent?.trim(), 'Vos coordonnées sont enregistrées.', 'announced');
  });

  it('changes the email through a confirmation link sent to the new address', async () => {
    const log = useProfileApi();
    const el = await mountProfile();
    const root = el.shadowRoot!;
    byButton(root, 'Mon adresse e-mail').click();
    await waitFor(() => byLabel(root, 'Nouvelle adresse e-mail'));
    type(byLabel(root, 'Nouvelle adresse e-mail'), 'pas-une-adresse');
    byButton(root, 'Recevoir le lien de confirmation').click();
    await waitForText(el, 'Cette adresse e-mail n’est pas valide.');
    type(byLabel(root, 'Nouvelle adresse e-mail'), 'MARIE@example.fr');
    byButton(root, 'Recevoir le lien de confirmation').click();
    await waitForText(el, 'C’est déjà votre adresse actuelle.');
    type(byLabel(root, 'Nouvelle adresse e-mail'), 'Marie.Nouvelle@example.fr');
    byButton(root, 'Recevoir le lien de confirmation').click();
    await waitForText(el, 'Un lien de confirmation a été envoyé à marie.nouvelle@example.fr.');
    includes(visibleText(el), 'marie@example.fr');
    equal(log.emails[0], 'Marie.Nouvelle@example.fr');
    await expectAccessible(el);
  });

  it('requests a health-sheet change with a PDF; a file that is not a PDF, JPEG or PNG is refused with a clear message', async () => {
    const log = useProfileApi();
    const el = await mountProfile();
    const root = el.shadowRoot!;
    byButton(root, 'Demander une modification').click();
    await waitFor(() => byLabelControl(root, 'Objet de la demande'));
    await expectAccessible(el);
    choose(byLabelControl<HTMLSelectElement>(root, 'Enfant'), 'c_2');
    type(byLabel(root, 'Allergies'), 'Œufs');
    byLabel(root, 'Vaccins à jour').click();
    attach(byLabel(root, 'Justificatifs'), [
      new File(['%PDF-1.4\n%%EOF\n'], 'certificat.pdf', { type: 'application/pdf' }),
      new File(['MZ not a pdf'], 'programme.pdf', { type: 'application/pdf' }),
    ]);
    byButton(root, 'Envoyer la demande').click();
    await waitForText(el, 'Votre demande est envoyée.');
    includes(visibleText(el), 'Le fichier « programme.pdf » n’a pas été joint : seuls les fichiers PDF, JPEG ou PNG sont acceptés.');
    await waitForText(el, 'Fiche sanitaire de Tom Dupont');
    const request = deepQueryAll<HTMLElement>(root, '[part~="request"]')[0]!;
    includes(visibleText(request), 'En attente de validation');
    includes(visibleText(request), 'Justificatifs : certificat.pdf');
    const sent = log.created[0]?.change;
    ok(sent?.kind === 'health_sheet', 'a health-sheet request');
    if (sent?.kind === 'health_sheet') {
      equal(sent.childId, 'c_2');
      equal(
        JSON.stringify(sent.healthSheet),
        JSON.stringify({
          allergies: 'Œufs',
          pai: false,
          doctorName: null,
          doctorPhone: null,
          vaccinationsUpToDate: true,
        }),
      );
    }
    equal(log.uploads.length, 2);
    // The old value stays until staff accept.
    includes(visibleText(el), 'Fiche sanitaire — Tom Dupont Fiche sanitaire non renseignée');
    await expectAccessible(el);
  });

  it('refuses before sending a document that is not a PDF, JPEG or PNG, next to the field', async () => {
    const log = useProfileApi();
    const el = await mountProfile();
    const root = el.shadowRoot!;
    byButton(root, 'Demander une modification').click();
    await waitFor(() => byLabelControl(root, 'Objet de la demande'));
    const input = byLabel(root, 'Justificatifs');
    attach(input, [new File(['bonjour'], 'notes.txt', { type: 'text/plain' })]);
    byButton(root, 'Envoyer la demande').click();
    await waitForText(el, 'Le fichier « notes.txt » n’a pas été joint : seuls les fichiers PDF, JPEG ou PNG sont acceptés.');
    equal(byLabel(root, 'Justificatifs').getAttribute('aria-invalid'), 'true');
    await waitFor(() => deepActiveElement() === byLabel(root, 'Justificatifs'));
    equal(log.created.length, 0, 'no request sent');
    await expectAccessible(el);
  });

  it('asks to add an authorised person; the fields are checked first', async () => {
    const log = useProfileApi();
    const el = await mountProfile();
    const root = el.shadowRoot!;
    byButton(root, 'Demander une modification').click();
    await waitFor(() => byLabelControl(root, 'Objet de la demande'));
    choose(byLabelControl<HTMLSelectElement>(root, 'Objet de la demande'), 'authorised_person_add');
    await waitFor(() => byLabel(root, 'Nom et prénom'));
    byButton(root, 'Envoyer la demande').click();
    await waitForText(el, 'Ce champ est obligatoire.');
    equal(log.created.length, 0);
    type(byLabel(root, 'Nom et prénom'), 'Paul Durand');
    type(byLabel(root, 'Lien avec l’enfant'), 'voisin');
    type(byLabel(root, 'Téléphone'), '0611223344');
    byButton(root, 'Envoyer la demande').click();
    await waitForText(el, 'Ajouter Paul Durand (voisin) aux personnes autorisées');
    await expectAccessible(el);
  });

  it('works at 360 px wide without horizontal scrolling', async () => {
    useProfileApi();
    const el = await mountProfile();
    el.style.display = 'block';
    el.style.width = '360px';
    byButton(el.shadowRoot!, 'Demander une modification').click();
    await waitFor(() => byLabelControl(el.shadowRoot!, 'Objet de la demande'));
    const base = deepQueryAll<HTMLElement>(el.shadowRoot!, '[part~="base"]')[0]!;
    ok(base.scrollWidth <= 360, `content fits (${base.scrollWidth}px)`);
  });
});
