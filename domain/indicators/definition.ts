import type { Aggregation, Direction, Frequency, IndicatorSource } from '../steering';

/** An indicator's definition as the steering API takes it: what the server stores and the web form sends. */
export interface IndicatorDefinition {
  code: string | null;
  name: string;
  description: string;
  measureUnit: string;
  direction: Direction;
  frequency: Frequency;
  aggregation: Aggregation;
  numeratorId: string | null;
  denominatorId: string | null;
  weightId: string | null;
  scale: string;
  rollingMonths: number | null;
  source: IndicatorSource;
  goalIds: string[];
}

export type IndicatorReference = 'numeratorId' | 'denominatorId' | 'weightId';

/** The other indicators an aggregation is computed from: a ratio needs both parts, a weighted average its weight. */
export function referencesOf(aggregation: Aggregation): readonly IndicatorReference[] {
  if (aggregation === 'ratio') return ['numeratorId', 'denominatorId'];
  if (aggregation === 'weighted') return ['weightId'];
  return [];
}

/** The references `definition`'s aggregation needs but that are not chosen. */
export const missingReferences = (
  definition: Pick<IndicatorDefinition, 'aggregation' | IndicatorReference>,
): IndicatorReference[] => referencesOf(definition.aggregation).filter((f) => !definition[f]);
