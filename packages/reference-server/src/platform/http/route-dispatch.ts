import { type Request, type RequestHandler, Router } from 'express';

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/**
 * The domain routers mounted at `prefix`, each request handed straight to the router that
 * has its route. Mounted side by side, express would try them in turn, matching the path
 * against every route of every router before the right one (measured in the booking-rush
 * benchmark: routing was the largest cost outside the database after validation).
 * The route comes from the contract validator, which already matched the request against
 * the contract's paths (`req.openapi.expressRoute`). A request it did not match, or whose
 * route no router declares under that name, goes through all the routers, in order, as
 * before. Routers that add middleware of their own (`router.use`) are not supported: that
 * middleware would only run for their own routes here.
 */
export function routersByRoute(prefix: string, routers: Router[]): RequestHandler {
  const owners = new Map<string, Router>();
  for (const router of routers) {
    for (const layer of router.stack as RouteLayer[]) {
      if (!layer.route) throw new Error('routersByRoute: a router has middleware of its own (router.use)');
      const { path, methods } = layer.route;
      if (typeof path !== 'string') continue;
      for (const method of Object.keys(methods)) {
        const key = `${method.toUpperCase()} ${prefix}${path}`;
        if (!owners.has(key)) owners.set(key, router);
      }
    }
  }
  const everyRouter = Router({ mergeParams: true });
  everyRouter.use(...routers);
  return (req, res, next) => {
    const route = (req as Request & { openapi?: { expressRoute?: string } }).openapi?.expressRoute;
    const owner = route === undefined ? undefined : owners.get(`${req.method} ${route}`);
    return (owner ?? everyRouter)(req, res, next);
  };
}
