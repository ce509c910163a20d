import type { HttpServer } from '@emporium/kit';
import type { CatalogDeps } from '../../app/deps.ts';
import { searchProducts, suggest } from '../../app/use-cases/search-products.ts';
import {
  SearchQuerySchema,
  SearchResponseSchema,
  SuggestQuery,
  SuggestResponse,
} from './schemas.ts';

const tags = ['search'];

export function registerSearchRoutes(app: HttpServer, deps: CatalogDeps): void {
  app.get(
    '/search',
    {
      schema: {
        tags,
        summary:
          'Full-text product search: typo tolerant, prefix match on the last word, facets over the whole result set',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema },
      },
    },
    async (request) => searchProducts(deps, request.query),
  );

  app.get(
    '/search/suggest',
    {
      schema: {
        tags,
        summary: 'Autocomplete',
        querystring: SuggestQuery,
        response: { 200: SuggestResponse },
      },
    },
    async (request) => ({
      suggestions: await suggest(deps, request.query.q, request.query.limit),
    }),
  );
}
