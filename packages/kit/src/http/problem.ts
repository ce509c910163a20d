import type { FastifyError } from 'fastify';
import type { AppError } from '../errors.ts';
import { CommonErrors, isAppError, statusOfKind, type FieldError } from '../errors.ts';

/** RFC 9457 problem details, with the stable `code` clients switch on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `urn:emporium:problem:${code}`;
}

export function problemOf(error: AppError, instance?: string): Problem {
  return {
    type: problemType(error.code),
    title: titleOf(error),
    status: statusOfKind(error.kind),
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.details ?? {}),
  };
}

function titleOf(error: AppError): string {
  return error.title ?? error.kind.replaceAll('_', ' ');
}

interface AjvIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword?: string;
  /** Present with Ajv's `verbose`: a schema's own `errorMessage` explains a pattern better. */
  parentSchema?: { errorMessage?: string };
}

/** Translates Fastify's own errors (validation, body parsing, limits) into coded AppErrors. */
export function toAppError(error: FastifyError | Error): AppError | undefined {
  if (isAppError(error)) return error;
  const fastifyError = error as FastifyError & {
    validation?: AjvIssue[];
    validationContext?: string;
  };
  if (fastifyError.validation) {
    const where = fastifyError.validationContext ?? 'body';
    const errors = fastifyError.validation.map((issue) => fieldErrorOf(where, issue));
    const summary = errors.map((e) => `${e.field} ${e.message}`).join('; ');
    return CommonErrors.VALIDATION_FAILED.create(`Invalid ${where}: ${summary}`, { errors });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return CommonErrors.MALFORMED_JSON.create(fastifyError.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return CommonErrors.PAYLOAD_TOO_LARGE.create(fastifyError.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return CommonErrors.UNSUPPORTED_MEDIA_TYPE.create(fastifyError.message);
  }
  const status = fastifyError.statusCode;
  if (status === 413) return CommonErrors.PAYLOAD_TOO_LARGE.create(fastifyError.message);
  if (status === 415) return CommonErrors.UNSUPPORTED_MEDIA_TYPE.create(fastifyError.message);
  if (status && status >= 400 && status < 500) {
    return CommonErrors.VALIDATION_FAILED.create(fastifyError.message);
  }
  return undefined;
}

function fieldErrorOf(where: string, issue: AjvIssue): FieldError {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const params = issue.params ?? {};
  if (issue.keyword === 'additionalProperties') {
    const extra = String(params['additionalProperty']);
    return { field: [where, path, extra].filter(Boolean).join('.'), message: 'is not allowed' };
  }
  if (issue.keyword === 'required') {
    const missing = String(params['missingProperty']);
    return { field: [where, path, missing].filter(Boolean).join('.'), message: 'is required' };
  }
  const message =
    issue.keyword === 'pattern' && issue.parentSchema?.errorMessage
      ? issue.parentSchema.errorMessage
      : issue.message;
  return { field: [where, path].filter(Boolean).join('.'), message: message ?? 'is invalid' };
}
