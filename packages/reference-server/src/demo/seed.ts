import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { Account } from '../modules/accounts/account.models.js';
import { createGuardianAccount } from '../modules/accounts/guardian-accounts.js';
import { Commune } from '../modules/communes/commune.model.js';
import { createCommune, createStaffAccount } from '../modules/communes/provisioning.js';
import { Guardian } from '../modules/families/family.models.js';
import { type CreateFamilyBody, insertFamily } from '../modules/families/family-service.js';
import { seedDemoPaymentSettings } from '../modules/payments/providers/demo.js';
import { seedDemoBookings } from './seed-bookings.js';
import { seedDemoDocuments } from './seed-documents.js';
import { seedDemoInvoices } from './seed-invoices.js';

/**
 * The demo commune. Its passwords are public on purpose (printed at start, in the
 * README): a demo, never a real commune's data.
 */
export const DEMO = {
  commune: 'val-de-loire',
  staff: { identifier: 'agent.demo', password: 'demo-agent-val-de-loire' },
  parent: { identifier: 'sophie.martin', password: 'demo-parent-val-de-loire' },
  pendingParent: 'nadia.bernard',
} as const;

const families: CreateFamilyBody[] = [
  {
    address: { line1: '12 rue des Tilleuls', postalCode: '44130', city: 'Val-de-Loire' },
    quotientFamilial: 820,
    guardians: [
      { firstName: 'Sophie', lastName: 'Martin', relation: 'mother', email: 'sophie.martin@example.fr', phone: '06 12 34 56 78' },
      { firstName: 'Julien', lastName: 'Martin', relation: 'father', email: 'julien.martin@example.fr', phone: '06 98 76 54 32' },
    ],
    children: [
      { firstName: 'Léa', lastName: 'Martin', birthDate: '2017-03-14', school: 'École élémentaire Jules-Ferry', grade: 'CE2' },
      { firstName: 'Hugo', lastName: 'Martin', birthDate: '2021-09-02', school: 'École maternelle Les Coquelicots', grade: 'PS' },
    ],
  },
  {
    address: { line1: '3 impasse du Moulin', line2: 'Bâtiment B', postalCode: '44130', city: 'Val-de-Loire' },
    quotientFamilial: 540,
    guardians: [
      { firstName: 'Nadia', lastName: 'Bernard', relation: 'mother', email: 'nadia.bernard@example.fr', phone: '07 11 22 33 44' },
    ],
    children: [{ firstName: 'Inès', lastName: 'Bernard', birthDate: '2016-06-21', school: 'École élémentaire Jules-Ferry', grade: 'CM1' }],
  },
  {
    address: { line1: '27 route de Nantes', postalCode: '44130', city: 'Val-de-Loire' },
    quotientFamilial: 1350,
    guardians: [
      { firstName: 'Thomas', lastName: 'Petit', relation: 'father', email: 'thomas.petit@example.fr', phone: null },
      { firstName: 'Camille', lastName: 'Dubois', relation: 'mother', email: 'camille.dubois@example.fr', phone: '06 55 44 33 22' },
    ],
    children: [
      { firstName: 'Jules', lastName: 'Petit', birthDate: '2018-11-30', school: 'École élémentaire Jules-Ferry', grade: 'CE1' },
      { firstName: 'Zoé', lastName: 'Petit', birthDate: '2020-01-09', school: 'École maternelle Les Coquelicots', grade: 'MS' },
    ],
  },
];

/** `http://localhost:8080` and `http://127.0.0.1:8080` are two origins for one demo. */
function loopbackTwins(origin: string): string[] {
  const url = new URL(origin);
  if (url.hostname === 'localhost') return [origin, origin.replace('//localhost', '//127.0.0.1')];
  if (url.hostname === '127.0.0.1') return [origin, origin.replace('//127.0.0.1', '//localhost')];
  return [origin];
}

/** Creates the demo commune once; later starts find it and change nothing. */
export async function seedDemo(ctx: AppContext): Promise<{ created: boolean }> {
  if (await Commune.findOne({ where: { slug: DEMO.commune } })) return { created: false };
  const base = ctx.config.publicBaseUrl;
  const commune = await createCommune(ctx, {
    slug: DEMO.commune,
    name: 'Val-de-Loire',
    portalUrl: `${base}/examples/`,
    // The demo page itself, whichever loopback name the visitor types, and a second local
    // site (port 8081) to try cross-site embedding.
    allowedOrigins: [...loopbackTwins(new URL(base).origin), 'http://127.0.0.1:8081', 'http://localhost:8081'],
    logoUrl: `${base}/examples/logo-val-de-loire.svg`,
    contact: { serviceName: 'Service Enfance Jeunesse', email: 'enfance@val-de-loire.example.fr', phone: '02 40 00 00 00' },
  });
  await createStaffAccount(ctx, commune, {
    identifier: DEMO.staff.identifier,
    email: 'agent.demo@val-de-loire.example.fr',
    displayName: 'Agent de démonstration',
    roles: ['admin', 'agent', 'billing'],
    password: DEMO.staff.password,
  });
  for (const family of families) await ctx.db.write((t) => insertFamily(commune.id, family, t));

  // Sophie Martin: an active account, to log in at once.
  const sophie = await Guardian.findOne({ where: { commune_id: commune.id, email: 'sophie.martin@example.fr' } });
  // (Made directly, already active: no activation mail in the outbox for her.)
  if (sophie) {
    const hash = await ctx.hasher.hash(DEMO.parent.password);
    await ctx.db.write((transaction) =>
      Account.create(
        {
          id: randomUUID(),
          commune_id: commune.id,
          identifier: DEMO.parent.identifier,
          email: sophie.email,
          kind: 'guardian',
          roles: '',
          guardian_id: sophie.id,
          display_name: `${sophie.first_name} ${sophie.last_name}`,
          password_hash: hash,
          status: 'active',
          activated_at: new Date(),
        },
        { transaction },
      ),
    );
  }
  await seedDemoBookings(ctx, commune);
  await seedDemoDocuments(ctx, commune);
  await seedDemoPaymentSettings(ctx, commune.id);
  await seedDemoInvoices(ctx, commune);
  // Nadia Bernard: pending, her activation email waits in the outbox.
  const nadia = await Guardian.findOne({ where: { commune_id: commune.id, email: 'nadia.bernard@example.fr' } });
  if (nadia) await createGuardianAccount(ctx, commune, nadia, { identifier: DEMO.pendingParent, actorId: null });
  return { created: true };
}
