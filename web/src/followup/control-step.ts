import type { TFunction } from 'i18next';
import type { ControlStep } from '../../../domain/control/occasions';

export type { ControlStep } from '../../../domain/control/occasions';
export { CONTROL_STEPS, takesControlStep } from '../../../domain/control/occasions';

/** "Riskanalys", "Beslut om internkontrollplan" … : the step an internal-control occasion is. */
export const controlStepLabel = (t: TFunction, step: ControlStep): string =>
  t(`followup.controlStep.${step}`, { defaultValue: step });
