// The parents' documents and data export of the mock API, with the contract's paths and bodies.
import type { PublishedDocument } from '@portail-famille/sdk';
import { API, BASE, HttpResponse, http, worker } from './mock-api.js';

export function sampleDocument(id: string, overrides: Partial<PublishedDocument> = {}): PublishedDocument {
  return {
    id,
    category: 'canteen_menu',
    title: `Document ${id}`,
    validFrom: '2026-11-01',
    validTo: '2026-11-30',
    audience: { kind: 'all', facilityId: null, facilityName: null },
    file: { name: `${id}.pdf`, mediaType: 'application/pdf', size: 48_300 },
    publishedAt: '2026-10-28T09:00:00Z',
    unpublishedAt: null,
    ...overrides,
  };
}

export interface DocumentsApi {
  documents: PublishedDocument[];
  downloads: string[];
  exports: number;
}

export function useDocumentsApi(state: Partial<DocumentsApi> = {}): DocumentsApi {
  const api: DocumentsApi = { documents: [], downloads: [], exports: 0, ...state };
  worker.use(
    http.get(`${API}${BASE}/documents`, () => HttpResponse.json({ items: api.documents })),
    http.get(`${API}${BASE}/documents/:documentId/file`, ({ params }) => {
      const document = api.documents.find((d) => d.id === params.documentId);
      if (!document) {
        return HttpResponse.json(
          { type: 'https://portail-famille.dev/problems/not_found', title: 'Not found', status: 404, code: 'not_found' },
          { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }
      api.downloads.push(document.id);
      return new HttpResponse(new Uint8Array([0x25, 0x50, 0x44, 0x46]), {
        headers: { 'Content-Type': document.file.mediaType, 'Content-Disposition': `attachment; filename="${document.file.name}"` },
      });
    }),
    http.get(`${API}${BASE}/family/data-export`, () => {
      api.exports += 1;
      return HttpResponse.json(
        {
          format: 'portail-famille/family-data/1',
          exportedAt: new Date().toISOString(),
          commune: { slug: 'x', name: 'Val-de-Loire' },
          tables: {},
        },
        { headers: { 'Content-Disposition': 'attachment; filename="donnees-famille-x-2026-11-22.json"' } },
      );
    }),
  );
  return api;
}
