import type { RequestHandler } from 'express';
import { Commune } from '../../modules/communes/commune.model.js';
import { HttpProblem } from './problem.js';

/** Loads the commune named in the path; every later query is scoped to it. */
export const loadCommune: RequestHandler = async (req, _res, next) => {
  const slug: unknown = req.params.commune;
  const commune = typeof slug === 'string' && slug.length <= 40 ? await Commune.findOne({ where: { slug } }) : null;
  if (!commune) return next(new HttpProblem(404, 'not_found', 'No such commune.'));
  req.commune = commune;
  next();
};
