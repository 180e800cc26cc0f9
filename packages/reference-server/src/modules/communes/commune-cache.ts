import type { Sequelize } from 'sequelize';
import { Commune } from './commune.model.js';

/**
 * Every API request names its commune; reading the row each time was a statement per
 * request for data that changes a few times a year. Kept a few seconds, and forgotten at
 * once when this process writes a commune (several processes on one PostgreSQL see a
 * change within the delay).
 */
const KEEP_MS = 5_000;

interface Kept {
  commune: Commune;
  until: number;
}

const bySequelize = new WeakMap<Sequelize, Map<string, Kept>>();

function keptFor(sequelize: Sequelize): Map<string, Kept> {
  let kept = bySequelize.get(sequelize);
  if (!kept) {
    const fresh = new Map<string, Kept>();
    const forget = () => fresh.clear();
    for (const hook of ['afterSave', 'afterDestroy', 'afterBulkUpdate', 'afterBulkDestroy', 'afterBulkCreate'] as const) {
      Commune.addHook(hook, 'forget cached communes', forget);
    }
    bySequelize.set(sequelize, fresh);
    kept = fresh;
  }
  return kept;
}

/** The commune of this slug, or null (an unknown slug is asked again each time: it may be created by another process). */
export async function communeBySlug(slug: string): Promise<Commune | null> {
  const sequelize = Commune.sequelize;
  if (!sequelize) throw new Error('models are not initialised');
  const kept = keptFor(sequelize);
  const now = Date.now();
  const hit = kept.get(slug);
  if (hit && hit.until > now) return hit.commune;
  const commune = await Commune.findOne({ where: { slug } });
  if (commune) kept.set(slug, { commune, until: now + KEEP_MS });
  return commune;
}
