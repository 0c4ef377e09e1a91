import { call, client, type Schema } from '../app/client';

export type ImpactAnalysis = Schema<'ImpactAnalysis'>;

export const analysisKey = (id: string) => ['impact-analysis', id];

export const analysisQuery = (id: string) => ({
  queryKey: analysisKey(id),
  queryFn: () => call(client.GET('/impact-analyses/{id}', { params: { path: { id } } })),
});

export const analysisPath = (id: string) => `/konsekvensanalyser/${id}`;
/** Where a measure's analysis is written: its own, or a new one. */
export const measureAnalysisPath = (measureId: string) => `/atgarder/${measureId}/konsekvensanalys`;
