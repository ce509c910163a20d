import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { CommonErrors, type AppError } from '../errors.ts';
import { problemOf } from './problem.ts';
import { BARE_SECURITY_HEADERS } from './security-headers.ts';

/** What Node's parser reports, as a coded error a client can switch on. */
function errorOf(error: NodeJS.ErrnoException): AppError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return CommonErrors.HEADERS_TOO_LARGE.create(
        'The request headers exceed the size this server accepts',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return CommonErrors.REQUEST_TIMEOUT.create('The request did not arrive in time');
    default:
      return CommonErrors.MALFORMED_REQUEST.create('The request could not be parsed as HTTP');
  }
}

/**
 * Fastify's `clientErrorHandler`: requests Node cannot parse (headers too large, malformed,
 * too slow) never reach a route, so the answer is written to the socket here, as the same
 * problem+json every other error gets (Fastify's default writes plain JSON without a code).
 */
export function clientErrorHandler(logger: FastifyBaseLogger) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const problem = problemOf(errorOf(error));
    logger.debug({ code: error.code }, 'client error');
    if (socket.writable) {
      const body = JSON.stringify(problem);
      const headers = {
        'content-type': 'application/problem+json',
        'content-length': String(Buffer.byteLength(body)),
        connection: 'close',
        ...BARE_SECURITY_HEADERS,
      };
      const head = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${head}\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
