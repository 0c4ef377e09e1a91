import { completeAnalysis, createAnalysis } from '../analysis/service';
import type { Actor, Services } from '../core/context';

type Units = (key: string) => string;

/**
 * The risk- och konsekvensanalyser behind Hållbar framtid's ransonering measures (issue 14).
 * Närakuten Älvdal carries the full analysis seed 004 asked for; the others shorter ones. The
 * closed summer ward has none and stays planned: the demo's flagged measure.
 */
const ANALYSES: Record<
  string,
  {
    title: string;
    analysedOn: string;
    patients: string;
    staff: string;
    unionConsultedOn: string;
    unionConsultedWith: string;
    economy: string;
    otherUnits: string;
    costShifts: { unit: string; how: string }[];
    conclusion: string;
    risks: { risk: string; mitigation: string; probability: number; consequence: number }[];
  }
> = {
  narakut: {
    title: 'Risk- och konsekvensanalys: Närakuten Älvdal',
    analysedOn: '2023-08-28',
    patients:
      'Invånare i Älvdal får längre resväg till akut vård kvällar och helger, i genomsnitt 45 minuter. Äldre utan bil och barnfamiljer påverkas mest.',
    staff:
      'Sex sjuksköterskor och två undersköterskor erbjuds tjänst på akutmottagningen i Åby. Ökad arbetsbelastning där under övergången.',
    unionConsultedOn: '2023-09-05',
    unionConsultedWith: 'Vårdförbundet och Kommunal (samverkan enligt MBL 11 §)',
    economy: 'Minskade kostnader med 12 mnkr per år för lokaler och bemanning, netto efter ökad bemanning i Åby.',
    otherUnits:
      'Ambulanssjukvården får fler transporter; kommunens hemsjukvård får fler kvällsbesök. Kostnaden bärs delvis utanför division Akut.',
    costShifts: [
      { unit: 'akut', how: 'Fler ambulanstransporter från Älvdal till Åby, uppskattat 1,5 mnkr per år.' },
      { unit: 'medicin', how: 'Fler inläggningar via akutmottagningen i Åby.' },
    ],
    conclusion:
      'Åtgärden genomförs med förstärkt rådgivning via 1177 och avtal med kommunen om hemsjukvård kvällstid. Följs upp tertialvis.',
    risks: [
      {
        risk: 'Fördröjd vård för patienter med akuta tillstånd på grund av längre resväg',
        mitigation: 'Utökad ambulansberedskap i Älvdal och direktintag via 1177',
        probability: 2,
        consequence: 4,
      },
      {
        risk: 'Överbelastning på akutmottagningen i Åby',
        mitigation: 'Sex tjänster flyttas dit; bemanningen ses över efter tre månader',
        probability: 3,
        consequence: 3,
      },
    ],
  },
  vardnara: {
    title: 'Risk- och konsekvensanalys: Behovsanpassning av Vårdnära service',
    analysedOn: '2023-08-21',
    patients: 'Patienter märker ingen skillnad i vårdens innehåll; städning och transporter sker mer sällan nattetid.',
    staff: 'Schemaläggningen ändras; ingen övertalighet. Ökad risk för belastning vid sjukfrånvaro.',
    unionConsultedOn: '2023-08-30',
    unionConsultedWith: 'Kommunal (samverkan enligt MBL 11 §)',
    economy: 'Minskade kostnader med 20 mnkr per år.',
    otherUnits: 'Vårdavdelningarna tar över enklare transporter nattetid.',
    costShifts: [{ unit: 'hs', how: 'Vårdpersonal gör enklare transporter nattetid.' }],
    conclusion: 'Åtgärden genomförs; vårdavdelningarnas merarbete följs upp efter ett halvår.',
    risks: [
      {
        risk: 'Vårdpersonal lägger tid på service i stället för vård',
        mitigation: 'Tydlig gränsdragning och uppföljning av tidsåtgång',
        probability: 3,
        consequence: 2,
      },
    ],
  },
  linjer: {
    title: 'Risk- och konsekvensanalys: Översyn av linjenätet',
    analysedOn: '2023-08-14',
    patients: 'Resenärer på landsbygden får glesare turer; skolresor påverkas inte.',
    staff: 'Färre förarpass hos trafikföretagen; regionens egen personal påverkas inte.',
    unionConsultedOn: '2023-08-22',
    unionConsultedWith: 'Vision och Kommunal (samverkan enligt MBL 11 §)',
    economy: 'Minskade kostnader med 35 mnkr per år.',
    otherUnits: 'Färdtjänsten kan få fler resor när linjer dras in.',
    costShifts: [{ unit: 'kt', how: 'Fler färdtjänstresor.' }],
    conclusion: 'Åtgärden genomförs med anropsstyrd trafik där linjer dras in.',
    risks: [
      {
        risk: 'Resenärer utan bil förlorar möjligheten att ta sig till vården',
        mitigation: 'Anropsstyrd trafik och samordning med sjukresor',
        probability: 2,
        consequence: 3,
      },
    ],
  },
};

/** The measures of the demo that get a done analysis before they are started. */
export const ANALYSED_MEASURES = new Set(Object.keys(ANALYSES));

/** Writes and completes the analysis of a demo measure. */
export async function seedAnalysis(services: Services, actor: Actor, key: string, measureId: string, u: Units) {
  const a = ANALYSES[key];
  if (!a) return;
  const draft = await createAnalysis(services, actor, {
    subjectKind: 'measure',
    measureId,
    decisionId: null,
    subjectTitle: '',
    unitId: null,
    ...a,
    costShifts: a.costShifts.map((s) => ({ unitId: u(s.unit), how: s.how })),
  });
  await completeAnalysis(services, actor, draft.id, { version: draft.version });
}
