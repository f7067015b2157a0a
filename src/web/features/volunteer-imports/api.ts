import type { Problem } from '../../../common/api/index.js';
import type { ImportChoice, ImportReport } from '../../../common/api/volunteer-imports.js';
import { NetworkError, ProblemError } from '../../api/client.js';
import { currentLocale, i18n } from '../../i18n/index.js';

export interface ImportRequest {
  file: File;
  dryRun: boolean;
  /** Column header → field (null: not imported); left out, the server uses the remembered or guessed mapping. */
  mapping?: Record<string, string | null>;
  onDuplicate: 'skip' | 'merge';
  rememberMapping: boolean;
  /** The sheet's row (1-based) that holds the headers; left out, the server finds it. */
  headerRow?: number;
  /** Once-for-all-rows answers to ambiguous catalogue values. */
  choices?: ImportChoice[];
}

/** Where an upload stands: bytes on their way, or the server at work (reading, checking, writing). */
export type ImportProgress = { phase: 'uploading'; loaded: number; total: number } | { phase: 'processing' };

/**
 * Sends the spreadsheet as multipart. XMLHttpRequest rather than fetch: only it reports upload
 * progress, which the wizard shows as it really is.
 */
export function uploadImport(
  request: ImportRequest,
  onProgress?: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const form = new FormData();
  form.append('dryRun', String(request.dryRun));
  form.append('onDuplicate', request.onDuplicate);
  form.append('rememberMapping', String(request.rememberMapping));
  if (request.mapping) form.append('mapping', JSON.stringify(request.mapping));
  if (request.headerRow !== undefined) form.append('headerRow', String(request.headerRow));
  if (request.choices?.length) form.append('choices', JSON.stringify(request.choices));
  form.append('file', request.file, request.file.name);

  return new Promise<ImportReport>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/volunteers/import');
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.({ phase: 'uploading', loaded: e.loaded, total: e.total });
    };
    xhr.upload.onload = () => onProgress?.({ phase: 'processing' });
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) {
        resolve(data as ImportReport);
        return;
      }
      const problem: Problem =
        data && typeof data === 'object' && 'title' in data
          ? (data as Problem)
          : {
              type: 'about:blank',
              title: i18n.t('errors.unexpectedTitle'),
              detail: i18n.t('errors.serverStatus', { status: xhr.status }),
              status: xhr.status,
            };
      reject(new ProblemError({ ...problem, status: problem.status ?? xhr.status }));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
