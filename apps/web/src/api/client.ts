// The only module that talks to the server: JSON requests go through apiRequest, file uploads through uploadFile.
import type { ErrorCode } from '@xinhuo/shared';
import { getLanguage } from '../i18n/language-store';

export interface ApiFieldError {
  path: string;
  message: string;
}

/**
 * A code of the shared error catalogue, NETWORK_ERROR when the server was not reached, or HTTP_<status>
 * when something in between (a proxy) answered without the API's error body.
 */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | `HTTP_${number}`;

/** An error answered by the API (or a network failure, code NETWORK_ERROR). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: ApiFieldError[];
  readonly requestId?: string;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    fields: ApiFieldError[] = [],
    requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** The app registers what a 401 means (go to the login page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

/** Builds `path?a=1&b=2`, skipping empty values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** The login call answers 401 for bad credentials: show it, don't redirect. */
  skipUnauthorizedRedirect?: boolean;
  /**
   * A POST's Idempotency-Key: one per form submission (see `newSubmissionKey`). Without one, each call
   * gets a fresh key, kept for its own retry.
   */
  idempotencyKey?: string;
  /** Extra request headers (the wall screen's `Authorization: Bearer` display token). */
  headers?: Record<string, string>;
}

/** A fresh Idempotency-Key: a form keeps one per submission so a double click or a retry creates one record. */
export function newSubmissionKey(): string {
  return crypto.randomUUID();
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown; fields?: unknown };
}

function parseFields(raw: unknown): ApiFieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((f): f is { path: unknown; message: unknown } => typeof f === 'object' && f !== null)
    .map((f) => ({ path: String(f.path ?? ''), message: String(f.message ?? '') }));
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const err = body?.error;
  // The server only answers codes of the catalogue (the error handler maps everything else).
  const code: ApiErrorCode =
    typeof err?.code === 'string' ? (err.code as ErrorCode) : `HTTP_${response.status}`;
  const message = typeof err?.message === 'string' ? err.message : response.statusText || code;
  const requestId = typeof err?.requestId === 'string' ? err.requestId : undefined;
  return new ApiError(response.status, code, message, parseFields(err?.fields), requestId);
}

/** Sends one JSON request to the API and returns the parsed answer (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLanguage(),
    ...options.headers,
  };
  const hasBody = method !== 'GET';
  if (hasBody) headers['Content-Type'] = 'application/json';
  // The server runs a POST once per key (its answer replayed): a submission lost on the network is
  // sent once more under the same key, so it can never create twice.
  const attempts = method === 'POST' ? 2 : 1;
  if (method === 'POST') headers['Idempotency-Key'] = options.idempotencyKey ?? newSubmissionKey();

  let response: Response | undefined;
  for (let attempt = 1; !response; attempt++) {
    try {
      response = await fetch(buildUrl(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: hasBody ? JSON.stringify(options.body ?? {}) : undefined,
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      if (attempt < attempts) continue;
      throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : 'Network error');
    }
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.skipUnauthorizedRedirect) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...opts, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

/**
 * Uploads one file as raw bytes (application/octet-stream, the name URL-encoded in X-File-Name) and
 * reports progress; XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadFile<T>(
  path: string,
  file: Blob & { name: string },
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLanguage());
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Idempotency-Key', newSubmissionKey());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        return;
      }
      void toApiError(response).then((error) => {
        if (xhr.status === 401) onUnauthorized?.();
        reject(error);
      });
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Network error'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/**
 * Downloads a file the server makes (an export) and saves it under the name the server gives: fetched
 * first so that a refusal (too many rows, no access) shows its message instead of a page of JSON.
 */
export async function downloadFile(path: string, query?: Record<string, QueryValue>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      credentials: 'same-origin',
      headers: { 'Accept-Language': getLanguage() },
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) throw await toApiError(response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const ascii = /filename="([^"]+)"/i.exec(disposition)?.[1];
  const name = utf8 ? decodeURIComponent(utf8) : (ascii ?? 'download');
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
