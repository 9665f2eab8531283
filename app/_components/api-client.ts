/** Fetch helpers for the app's own JSON API: errors come back as { code, message, fields }. */
export type ApiError = {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  details?: Record<string, unknown>;
};

export class ApiRequestError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? 'GET',
    headers: init?.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    cache: 'no-store',
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const e = (body.error ?? {}) as {
      code?: string;
      message?: string;
      fields?: Record<string, string>;
    } & Record<string, unknown>;
    const { code, message, fields, ...details } = e;
    throw new ApiRequestError({
      status: res.status,
      code: code ?? 'error',
      message: message ?? `The server answered ${res.status}.`,
      fields,
      details,
    });
  }
  return body as T;
}
