import { DomainError } from '../../domain/errors';

/**
 * The workbook's bytes from an upload: the .xlsx as the request body (as the other imports
 * take it), or the `file` field of a multipart form.
 */
export async function uploadedBytes(req: Request): Promise<ArrayBuffer> {
  if ((req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => {
      throw new DomainError('bad_request', 'Formuläret går inte att läsa.');
    });
    const file = form.get('file');
    if (!file || typeof file === 'string')
      throw new DomainError('bad_request', 'Ingen fil skickades.', { fields: [{ field: 'file', message: 'saknas' }] });
    return file.arrayBuffer();
  }
  return req.arrayBuffer();
}
