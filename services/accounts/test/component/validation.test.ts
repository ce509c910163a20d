import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { STRONG_PASSWORD, expectProblem, post, startAccounts } from './harness.ts';

describe('request validation', () => {
  let service: AccountsService;
  beforeAll(async () => {
    service = await startAccounts();
  });
  afterAll(async () => {
    await service.close();
  });

  it('when the body is not valid JSON, then the answer is 400 MALFORMED_JSON', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400, 'COMMON.MALFORMED_JSON');
  });

  it('when the body has an unknown field, then the answer is 400 naming it', async () => {
    const response = await post(service, '/auth/register', {
      email: 'a@example.com',
      password: STRONG_PASSWORD,
      name: 'A',
      roles: ['admin'],
    });
    const problem = expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
    expect(problem.errors).toContainEqual({ field: 'body.roles', message: 'is not allowed' });
  });

  it('when a field has the wrong type, then the answer is 400 naming it', async () => {
    const response = await post(service, '/auth/login', {
      email: 'a@example.com',
      password: 12345678901,
    });
    const problem = expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
    expect(problem.errors?.map((error) => error.field)).toContain('body.password');
  });

  it('when the email is not an email, then the answer is 400', async () => {
    expectProblem(
      await post(service, '/auth/register', {
        email: 'not-an-email',
        password: STRONG_PASSWORD,
        name: 'A',
      }),
      400,
      'COMMON.VALIDATION_FAILED',
    );
  });
});
