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
