import type { AppContext } from '../app-context.js';
import { Account } from '../modules/accounts/account.models.js';
import { Facility } from '../modules/bookings/booking.models.js';
import { addDays, civilDateOf } from '../modules/bookings/rules/civil-date.js';
import type { Commune } from '../modules/communes/commune.model.js';
import { publishDocument } from '../modules/documents/documents.js';
import { inspectUpload } from '../platform/files/files.js';

/** A one-page PDF saying `text` (enough for a demo download; every viewer opens it). */
function tinyPdf(text: string): Buffer {
  const safe = text
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The demo's documents: this month's menus for everyone, the ALP's planning for its families, an enrolment form. */
export async function seedDemoDocuments(ctx: AppContext, commune: Commune): Promise<void> {
  const staff = await Account.findOne({ where: { commune_id: commune.id, kind: 'staff' } });
  const alp = await Facility.findOne({ where: { commune_id: commune.id, name: 'ALP Primaire' } });
  if (!staff) return;
  const today = civilDateOf(new Date());
  const documents = [
    { category: 'canteen_menu' as const, title: 'Menus de la cantine du mois', file: 'menus-cantine.pdf', facilityId: null },
    {
      category: 'activity_planning' as const,
      title: 'Planning des mercredis de l’ALP',
      file: 'planning-alp.pdf',
      facilityId: alp?.id ?? null,
    },
    { category: 'enrolment_form' as const, title: 'Dossier d’inscription périscolaire', file: 'dossier-inscription.pdf', facilityId: null },
  ];
  for (const d of documents) {
    const upload = await inspectUpload(tinyPdf(d.title), d.file, ctx.config.files.maxBytes);
    await ctx.db.write((transaction) =>
      publishDocument(
        {
          communeId: commune.id,
          actorId: staff.id,
          category: d.category,
          title: d.title,
          validFrom: addDays(today, -7),
          validTo: addDays(today, 60),
          facilityId: d.facilityId,
          upload,
          ip: undefined,
        },
        transaction,
      ),
    );
  }
}
