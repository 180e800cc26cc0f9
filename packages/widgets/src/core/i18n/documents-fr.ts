import { formatCivil } from './civil.js';
import type { DocumentsTranslation } from './translation.js';

const date = (iso: string): string => formatCivil(iso, 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

export const documentsFr: DocumentsTranslation = {
  heading: 'Documents',
  category: {
    canteen_menu: 'Menus de la cantine',
    activity_planning: 'Plannings des activités',
    enrolment_form: 'Dossiers d’inscription',
    school_pre_enrolment: 'Pré-inscriptions scolaires',
  },
  empty:
    'Aucun document n’est disponible pour le moment. Les menus, plannings et dossiers d’inscription publiés par la commune apparaîtront ici.',
  validity: (from, to) => `Valable du ${date(from)} au ${date(to)}`,
  forFacility: (name) => `Pour les familles de : ${name}`,
  download: 'Télécharger',
  downloadDetail: (title, kind, size) => `« ${title} » (${kind}, ${size})`,
  downloading: 'Téléchargement…',
  downloaded: (name) => `Le fichier « ${name} » a été téléchargé.`,
  size: (bytes) =>
    bytes < 1024
      ? `${bytes} octets`
      : bytes < 1024 * 1024
        ? `${Math.round(bytes / 1024)} Ko`
        : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`,
  myData: 'Vos données personnelles',
  myDataIntro:
    'Vous pouvez télécharger à tout moment l’ensemble des informations que la commune conserve sur votre famille (dossier, enfants, comptes, réservations, absences, demandes de modification, factures et paiements), dans un fichier au format JSON.',
  downloadMyData: 'Télécharger mes données',
  preparingMyData: 'Préparation du fichier…',
};
