import { ERRORS, type ErrorCode } from '@xinhuo/shared';

export interface FieldError {
  path: string;
  reason: string;
}

/** Domain code throws AppError(code); the HTTP layer maps the code to a status and a localized message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  readonly headers?: Record<string, string>;
  constructor(
    code: ErrorCode,
    opts: { fields?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, { cause: opts.cause });
    this.code = code;
    this.fields = opts.fields;
    this.headers = opts.headers;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export const notFound = (): AppError => new AppError('NOT_FOUND');
export const fieldError = (path: string, reason: string): AppError =>
  new AppError('VALIDATION_FAILED', { fields: [{ path, reason }] });
