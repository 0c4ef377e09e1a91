import { z } from '@hono/zod-openapi';

export const ControlPlanImportSchema = z
  .object({
    rows: z.number().int().openapi({ description: 'Kontrollpunkter i filen' }),
    created: z.number().int().openapi({ description: 'Nya kontrollpunkter' }),
    updated: z.number().int().openapi({ description: 'Ändrade kontrollpunkter' }),
    unchanged: z.number().int().openapi({ description: 'Rader som inte ändrade något' }),
  })
  .openapi('ControlPlanImport');
