import { z } from '@hono/zod-openapi';
import { RiskScopeQuery } from './schemas';

export const RiskExportQuery = RiskScopeQuery;

export const RiskImportSchema = z
  .object({
    rows: z.number().int().openapi({ description: 'Riskrader i filen' }),
    created: z.number().int().openapi({ description: 'Nya risker' }),
    updated: z.number().int().openapi({ description: 'Ändrade risker' }),
    assessed: z.number().int().openapi({ description: 'Nya bedömningar' }),
    unchanged: z.number().int().openapi({ description: 'Rader som inte ändrade något' }),
  })
  .openapi('RiskImport');
