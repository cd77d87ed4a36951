import { newId } from './ids.ts';

/** Mattermost's error body (`model.AppError` as JSON). */
export interface AppErrorBody {
  id: string;
  message: string;
  detailed_error: string;
  request_id: string;
  status_code: number;
}

/** An error a handler throws to answer with Mattermost's `{id, message, ...}` JSON body. */
export class AppError extends Error {
  readonly id: string;
  readonly status: number;
  readonly detailed: string;
  constructor(status: number, id: string, message: string, detailed = '') {
    super(message);
    this.id = id;
    this.status = status;
    this.detailed = detailed;
  }
  toBody(requestId: string = newId()): AppErrorBody {
    return {
      id: this.id,
      message: this.message,
      detailed_error: this.detailed,
      request_id: requestId,
      status_code: this.status,
    };
  }
}

// The errors Mattermost's Context helpers produce (web/context.go).
export const errors = {
  sessionExpired: (detail = '') =>
    new AppError(
      401,
      'api.context.session_expired.app_error',
      'Invalid or expired session, please login again.',
      detail,
    ),
  permission: (permission: string, userId: string) =>
    new AppError(
      403,
      'api.context.permissions.app_error',
      'You do not have the appropriate permissions.',
      `userId=${userId}, permission=${permission}`,
    ),
  invalidParam: (name: string, detail = '') =>
    new AppError(
      400,
      'api.context.invalid_body_param.app_error',
      `Invalid or missing ${name} in request body.`,
      detail,
    ),
  invalidUrlParam: (name: string) =>
    new AppError(
      400,
      'api.context.invalid_url_param.app_error',
      `Invalid or missing ${name} parameter in request URL.`,
    ),
  notFound: (id: string, message: string, detail = '') => new AppError(404, id, message, detail),
  notImplemented: (id: string, message: string) => new AppError(501, id, message),
} as const;
