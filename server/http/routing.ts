import { z } from '@hono/zod-openapi';
import { errors } from './env';

/** The pieces every capability's routes are declared with, so the OpenAPI document is uniform. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { required: true, ...json(schema) } });
export const ok = (description: string, schema: z.ZodType) => ({ 200: { description, ...json(schema) } });
export const created = (description: string, schema: z.ZodType) => ({ 201: { description, ...json(schema) } });
export const readErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] };
export const writeErrors = { ...readErrors, 409: errors[409], 413: errors[413], 422: errors[422] };
export const IdParam = z.object({ id: z.string().min(1) });
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'ska vara en månad ÅÅÅÅ-MM');
/** A spreadsheet answer, for the OpenAPI document. */
export const xlsxResponse = {
  200: { description: 'Arbetsboken', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
};
/** Whole kronor, as a JSON number or a string of digits (for amounts beyond 2^53). */
export const KronorSchema = z
  .union([z.number().int().safe(), z.string().regex(/^-?\d{1,18}$/, 'ska vara hela kronor')])
  .transform((v) => BigInt(v));
export const NonNegativeKronorSchema = KronorSchema.refine((v) => v >= 0n, 'får inte vara negativt');
/** Whole kronor in an answer: a string of digits, exact beyond 2^53 (compare as BigInt, not as numbers). */
export const KronorText = z
  .string()
  .regex(/^-?\d+$/)
  .openapi('KronorText', {
    description: 'Hela kronor som en sträng av siffror, t.ex. "-146600000": exakt även över 2^53.',
    example: '-146600000',
  });
