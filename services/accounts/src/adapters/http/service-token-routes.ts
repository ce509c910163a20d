import type { HttpServer } from '@emporium/kit';
import type { AccountsDeps } from '../../app/deps.ts';
import { issueServiceToken } from '../../app/use-cases/issue-service-token.ts';
import { ServiceTokenBody, ServiceTokenSchema } from './profile-schemas.ts';

export function registerServiceTokenRoutes(app: HttpServer, deps: AccountsDeps): void {
  app.post(
    '/auth/service-token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Client credentials of a service → a short-lived `service` token for one audience',
        body: ServiceTokenBody,
        response: { 200: ServiceTokenSchema },
      },
    },
    async (request, reply) => {
      const token = await issueServiceToken(deps, { ...request.body, ip: request.ip });
      return reply.header('cache-control', 'no-store').send(token);
    },
  );
}
