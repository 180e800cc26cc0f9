import type { RequestHandler } from 'express';
import { communeBySlug } from '../../modules/communes/commune-cache.js';
import { HttpProblem } from './problem.js';

/** Loads the commune named in the path; every later query is scoped to it. */
export const loadCommune: RequestHandler = async (req, _res, next) => {
  const slug: unknown = req.params.commune;
  const commune = typeof slug === 'string' && slug.length <= 40 ? await communeBySlug(slug) : null;
  if (!commune) return next(new HttpProblem(404, 'not_found', 'No such commune.'));
  req.commune = commune;
  next();
};
