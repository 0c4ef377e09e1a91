/** An error answer from the API, carrying the server's code, message and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's message for one field, if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the API with JSON in and out; any non-2xx answer becomes an ApiError. Only for routes
 * whose answer is still an untyped `Doc(...)`: the rest go through `call(client…)` (client.ts).
 */
export async function api<T>(path: string, method: Method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer<T>(res);
}

/** Sends a file's bytes as the request body (an import); the answer is read as `api` reads it. */
export async function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': contentType, accept: 'application/json' },
    body: file,
  });
  return answer<T>(res);
}

async function answer<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const data: any = await res.json().catch(() => null);
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? res.statusText, e?.fields ?? [], e?.current);
  }
  return data as T;
}
