import { type Services, systemActor } from '../core/context';
import { addRisk } from '../risk/service';
import type { SteeringIds } from './steering';

/** [day, probability, consequence, comment] on the default 1–4 × 1–4 scale. */
type Assessment = [string, number, number, string];

interface DemoRisk {
  key: string;
  /** A body key (hsn, rs) or a unit key. */
  owner: { body: string } | { unit: string };
  title: string;
  description: string;
  cause: string;
  consequence: string;
  process: string;
  /** A demo account. */
  ownerUser: string;
  existingControls: string;
  plannedActions: string;
  assessments: Assessment[];
  goals?: string[];
  measures?: string[];
  indicators?: string[];
}

const hsn = { body: 'hsn' };
const rs = { body: 'rs' };

/**
 * The risk registers of Hälso- och sjukvårdsnämnden (with its divisions) and Regionstyrelsen:
 * the risks seed 004's audit found unanalysed — competence supply and hyrpersonal, cost shifting
 * from the savings plan, closed beds in summer — and the classic internal-control risks.
 */
const RISKS: DemoRisk[] = [
  {
    key: 'hsn-kompetens',
    owner: hsn,
    title: 'Bristande kompetensförsörjning av sjuksköterskor och specialistläkare',
    description:
      'Svårt att rekrytera och behålla legitimerad personal, särskilt specialistsjuksköterskor och läkare i glesbygd.',
    cause: 'Pensionsavgångar, konkurrens om personal från grannregioner och privata vårdgivare.',
    consequence: 'Stängda vårdplatser, längre väntetider och ökat beroende av hyrpersonal.',
    process: 'Kompetensförsörjning',
    ownerUser: 'controller',
    existingControls: 'Kompetensförsörjningsplan per division; månadsvis uppföljning av vakanser.',
    plannedActions: 'Utbildningstjänster för specialistsjuksköterskor; rotationstjänster mellan sjukhusen.',
    assessments: [
      ['2024-02-15', 4, 3, 'Hög personalomsättning under 2023.'],
      ['2025-02-14', 4, 4, 'Vakanserna har ökat; fler vårdplatser stängda.'],
    ],
    goals: ['hs-hyr', 'arbetsgivare'],
    indicators: ['arsarbetare'],
  },
  {
    key: 'hsn-hyr',
    owner: hsn,
    title: 'Fortsatt beroende av hyrpersonal',
    description: 'Verksamheter som inte klarar bemanningen utan bemanningsföretag.',
    cause: 'Vakanser och ojämn arbetsbelastning; avtal som styr mot hyrlösningar.',
    consequence: 'Kostnader över budget och sämre kontinuitet för patienterna.',
    process: 'Kompetensförsörjning',
    ownerUser: 'controller',
    existingControls: 'Beslut om inhyrning fattas av divisionschef; månadsrapport om hyrkostnader.',
    plannedActions: 'Regiongemensam utfasningsplan för hyrläkare.',
    assessments: [
      ['2024-02-15', 4, 3, 'Hyrkostnaderna 4,1 % av personalkostnaderna.'],
      ['2024-09-20', 3, 3, 'Kirurgi har minskat inhyrningen.'],
      ['2025-02-14', 3, 3, 'Oförändrat läge.'],
    ],
    goals: ['hs-hyr'],
    measures: ['hyr'],
    indicators: ['hyrandel'],
  },
  {
    key: 'hsn-overvaltring',
    owner: hsn,
    title: 'Kostnadsövervältring mellan nämnder från sparplanen',
    description: 'Åtgärder i Hållbar framtid minskar kostnaden i en nämnd genom att flytta den till en annan.',
    cause: 'Åtgärderna har beslutats utan risk- och konsekvensanalys av effekterna för andra nämnder.',
    consequence: 'Regionens totala kostnad minskar inte; förtroendet mellan nämnderna skadas.',
    process: 'Budget och uppföljning',
    ownerUser: 'controller',
    existingControls: 'Bruttoredovisning av åtgärdernas kostnader i handlingsplanen.',
    plannedActions: 'Risk- och konsekvensanalys krävs för åtgärder som påverkar andra nämnder.',
    assessments: [
      ['2024-04-10', 3, 3, 'Färdtjänst och sjukresor påverkas av primärvårdens åtgärder.'],
      ['2025-03-12', 3, 4, 'Revisionen pekar på åtgärder utan analys.'],
    ],
    goals: ['balans'],
    measures: ['fardtjanst', 'vardnara'],
  },
  {
    key: 'hsn-sommar',
    owner: hsn,
    title: 'Patientsäkerhet vid stängda vårdplatser sommartid',
    description: 'Sommarstängning av vårdplatser ger överbeläggningar och utlokaliserade patienter.',
    cause: 'Semesterperioden kombinerad med vakanser.',
    consequence: 'Vårdskador, längre vistelse på akuten och ökad belastning på kvarvarande personal.',
    process: 'Vårdplatsplanering',
    ownerUser: 'controller',
    existingControls: 'Regiongemensam sommarplanering; daglig vårdplatskoordinering.',
    plannedActions: 'Fler sommarvikarier; förstärkt mobil närvård.',
    assessments: [
      ['2024-04-30', 4, 4, 'Sommaren 2023 gav flera avvikelser om utlokaliserade patienter.'],
      ['2025-04-28', 3, 4, 'Bättre planering men samma antal stängda platser.'],
    ],
    goals: ['hs-saker', 'saker'],
    measures: ['sommar', 'vardplatser'],
    indicators: ['overbel'],
  },
  {
    key: 'hsn-vardgaranti',
    owner: hsn,
    title: 'Vårdgarantin hålls inte i specialistvården',
    description: 'Köerna till specialistvården växer.',
    cause: 'Låg operationskapacitet och brist på specialister.',
    consequence: 'Patienter väntar längre än 90 dagar; kostnader för vård i annan region.',
    process: 'Produktionsplanering',
    ownerUser: 'controller',
    existingControls: 'Månadsuppföljning av väntetider.',
    plannedActions: 'Produktionsplanering per klinik.',
    assessments: [['2025-02-14', 3, 3, 'Andelen inom 90 dagar har sjunkit.']],
    goals: ['hs-tillgang', 'tillgang'],
    indicators: ['vardgaranti'],
  },
  {
    key: 'hsn-lakemedel',
    owner: hsn,
    title: 'Läkemedelskostnader över budget',
    description: 'Nya, dyra behandlingar införs snabbare än budgeten medger.',
    cause: 'Nationella rekommendationer om nya läkemedel.',
    consequence: 'Budgetunderskott i divisionerna.',
    process: 'Budget och uppföljning',
    ownerUser: 'controller',
    existingControls: 'Läkemedelskommitténs uppföljning.',
    plannedActions: 'Införandeprotokoll med kostnadsanalys.',
    assessments: [
      ['2024-04-10', 2, 3, ''],
      ['2025-03-12', 3, 3, 'Två nya cancerbehandlingar införda.'],
    ],
    measures: ['lakemedel'],
  },
  {
    key: 'hsn-journal',
    owner: hsn,
    title: 'Otillräcklig loggkontroll i journalsystemet',
    description: 'Loggkontroller görs inte med den omfattning patientdatalagen kräver.',
    cause: 'Resursbrist och manuella rutiner.',
    consequence: 'Obehörig åtkomst upptäcks inte; brott mot patientdatalagen.',
    process: 'Informationssäkerhet',
    ownerUser: 'controller',
    existingControls: 'Stickprov varje kvartal.',
    plannedActions: 'Automatiserad loggranalys.',
    assessments: [['2024-10-01', 2, 4, 'Internrevisionen fann brister i två verksamheter.']],
  },
  // Hälso- och sjukvårdens divisioner
  {
    key: 'kir-hyrlakare',
    owner: { unit: 'kirurgi' },
    title: 'Hyrläkare i kirurgisk jour',
    description: 'Jourlinjen i kirurgi bemannas delvis med hyrläkare.',
    cause: 'Två vakanta överläkartjänster.',
    consequence: 'Höga kostnader och bristande kontinuitet.',
    process: 'Bemanning',
    ownerUser: 'chef.kirurgi',
    existingControls: 'Veckovis bemanningsmöte.',
    plannedActions: 'Rekrytering av två överläkare; samarbete med universitetssjukhuset.',
    assessments: [
      ['2024-03-05', 4, 3, ''],
      ['2025-03-04', 2, 3, 'En överläkare rekryterad.'],
    ],
    goals: ['kir-hyr'],
    measures: ['hyr-kir'],
  },
  {
    key: 'kir-operation',
    owner: { unit: 'kirurgi' },
    title: 'Låg operationskapacitet',
    description: 'Operationssalar står oanvända på grund av brist på operationssjuksköterskor.',
    cause: 'Vakanser bland operationssjuksköterskor och anestesisjuksköterskor.',
    consequence: 'Växande operationsköer.',
    process: 'Produktionsplanering',
    ownerUser: 'chef.kirurgi',
    existingControls: 'Operationsplanering fyra veckor framåt.',
    plannedActions: 'Utbildningstjänster för operationssjuksköterskor.',
    assessments: [['2025-03-04', 3, 3, '']],
    measures: ['operation'],
  },
  {
    key: 'kir-akut',
    owner: { unit: 'kirurgi' },
    title: 'Långa väntetider på kirurgakuten',
    description: 'Patienter väntar länge på bedömning av kirurg.',
    cause: 'Kirurgen på jour har både akut och avdelning.',
    consequence: 'Risk för fördröjd diagnos.',
    process: 'Akut omhändertagande',
    ownerUser: 'chef.kirurgi',
    existingControls: 'Triage enligt RETTS.',
    plannedActions: 'Separat akutkirurg dagtid.',
    assessments: [
      ['2024-03-05', 3, 4, ''],
      ['2024-10-02', 3, 3, 'Ny bemanningsmodell dagtid.'],
    ],
    goals: ['kir-saker'],
    indicators: ['akutandel'],
  },
  {
    key: 'ortokir-implantat',
    owner: { unit: 'ortokir' },
    title: 'Inköp av implantat utanför avtal',
    description: 'Ortopediska implantat beställs från leverantörer utan avtal.',
    cause: 'Operatörernas preferenser och bristande kunskap om avtalen.',
    consequence: 'Högre priser och brott mot LOU.',
    process: 'Inköp',
    ownerUser: 'chef.ortokir',
    existingControls: 'Avtalstrohet följs upp årligen.',
    plannedActions: 'Spärr i beställningssystemet för artiklar utanför avtal.',
    assessments: [
      ['2024-05-20', 3, 2, ''],
      ['2025-05-19', 3, 3, 'Upphandlingsfunktionen fann fler köp utanför avtal.'],
    ],
    measures: ['ortopedi', 'material'],
  },
  {
    key: 'ortokir-vardskada',
    owner: { unit: 'ortokir' },
    title: 'Fallskador hos äldre patienter efter höftfraktur',
    description: 'Äldre patienter faller under vårdtiden.',
    cause: 'Hög beläggning och få undersköterskor nattetid.',
    consequence: 'Vårdskador och längre vårdtider.',
    process: 'Patientsäkerhet',
    ownerUser: 'chef.ortokir',
    existingControls: 'Riskbedömning vid inskrivning (Senior alert).',
    plannedActions: 'Extra nattbemanning vid överbeläggning.',
    assessments: [['2025-01-15', 2, 3, '']],
  },
  {
    key: 'med-overbel',
    owner: { unit: 'medicin' },
    title: 'Överbeläggningar på medicinavdelningarna',
    description: 'Fler inneliggande patienter än vårdplatser.',
    cause: 'Utskrivningsklara patienter som väntar på kommunens insatser.',
    consequence: 'Vårdskador och hög arbetsbelastning.',
    process: 'Vårdplatsplanering',
    ownerUser: 'chef.medicin',
    existingControls: 'Daglig vårdplatskoordinering.',
    plannedActions: 'Samverkansavtal med kommunerna om utskrivning.',
    assessments: [
      ['2024-03-06', 4, 3, ''],
      ['2024-11-12', 4, 4, 'Rekordmånga överbeläggningsdygn i oktober.'],
      ['2025-03-05', 4, 3, 'Något färre utskrivningsklara.'],
    ],
    goals: ['med-saker'],
    indicators: ['overbel'],
  },
  {
    key: 'med-bemanning',
    owner: { unit: 'medicin' },
    title: 'Egen bemanning räcker inte på medicinavdelningarna',
    description: 'Avdelningarna bemannas med inhyrda sjuksköterskor.',
    cause: 'Vakanser.',
    consequence: 'Höga kostnader och bristande kontinuitet.',
    process: 'Bemanning',
    ownerUser: 'chef.medicin',
    existingControls: 'Bemanningsenheten.',
    plannedActions: 'Intern bemanningspool.',
    assessments: [['2025-03-05', 3, 3, '']],
    goals: ['med-hyr'],
    measures: ['hyr-med'],
  },
  {
    key: 'med-lakemedel',
    owner: { unit: 'medicin' },
    title: 'Läkemedelshantering på avdelning',
    description: 'Avvikelser i läkemedelshanteringen.',
    cause: 'Många nyanställda och inhyrda.',
    consequence: 'Felmedicinering.',
    process: 'Patientsäkerhet',
    ownerUser: 'chef.medicin',
    existingControls: 'Farmaceutisk granskning en gång per år.',
    plannedActions: 'Introduktionsprogram i läkemedelshantering.',
    assessments: [['2024-09-10', 2, 4, '']],
  },
  {
    key: 'pv-digital',
    owner: { unit: 'primarvard' },
    title: 'Digital tidbokning införs inte på alla vårdcentraler',
    description: 'Vårdcentraler saknar digital tidbokning.',
    cause: 'Journalsystemets modul är inte införd överallt.',
    consequence: 'Sämre tillgänglighet och fler telefonsamtal.',
    process: 'Tillgänglighet',
    ownerUser: 'controller',
    existingControls: 'Införandeplan.',
    plannedActions: 'Central support vid införandet.',
    assessments: [['2025-02-20', 2, 2, '']],
    goals: ['pv-digital'],
    indicators: ['digandel'],
  },
  {
    key: 'psyk-tvang',
    owner: { unit: 'psykiatri' },
    title: 'Brister i dokumentationen av tvångsåtgärder',
    description: 'Beslut om tvångsåtgärder dokumenteras inte fullständigt.',
    cause: 'Otydliga rutiner.',
    consequence: 'Rättsosäkerhet för patienterna; kritik från IVO.',
    process: 'Patientsäkerhet',
    ownerUser: 'controller',
    existingControls: 'Journalgranskning två gånger per år.',
    plannedActions: 'Ny rutin och utbildning.',
    assessments: [['2024-06-12', 2, 4, '']],
  },
  {
    key: 'hs-kopt',
    owner: { unit: 'hs' },
    title: 'Köpt vård växer trots utväxlingen',
    description: 'Remisser till privata vårdgivare ökar.',
    cause: 'Vårdgarantin hålls inte i egen regi.',
    consequence: 'Kostnader över budget.',
    process: 'Budget och uppföljning',
    ownerUser: 'controller',
    existingControls: 'Remissgranskning.',
    plannedActions: 'Egen produktion i stället för köpt vård.',
    assessments: [
      ['2024-04-15', 3, 3, ''],
      ['2025-04-14', 3, 2, 'Utväxlingen har börjat ge effekt.'],
    ],
    measures: ['kopt'],
  },
  // Regionstyrelsen
  {
    key: 'rs-it',
    owner: rs,
    title: 'IT-säkerhet: intrång och utpressningsangrepp',
    description: 'Angrepp mot regionens system, som ransomware.',
    cause: 'Ökad hotbild; äldre system utan säkerhetsuppdateringar.',
    consequence: 'Vården står still; patientdata läcker.',
    process: 'Informationssäkerhet',
    ownerUser: 'controller',
    existingControls: 'Brandvägg, säkerhetskopiering, incidentrutin.',
    plannedActions: 'Tvåfaktorsinloggning överallt; övning av kontinuitetsplaner.',
    assessments: [
      ['2024-02-20', 3, 4, ''],
      ['2025-02-18', 3, 4, 'Flera regioner drabbade under 2024.'],
    ],
  },
  {
    key: 'rs-bisysslor',
    owner: rs,
    title: 'Bisysslor som inte anmäls',
    description: 'Anställda har bisysslor som kan vara förtroendeskadliga.',
    cause: 'Bristande kännedom om reglerna.',
    consequence: 'Jäv och förtroendeskada.',
    process: 'Personaladministration',
    ownerUser: 'controller',
    existingControls: 'Årlig fråga om bisysslor i medarbetarsamtalet.',
    plannedActions: 'Digital anmälan och uppföljning.',
    assessments: [['2024-10-15', 2, 3, '']],
  },
  {
    key: 'rs-attest',
    owner: rs,
    title: 'Attest av egna utlägg och fakturor',
    description: 'Attestreglementet följs inte; beslutsattestant attesterar egna kostnader.',
    cause: 'Ofullständiga attestlistor.',
    consequence: 'Felaktiga utbetalningar; risk för oegentligheter.',
    process: 'Ekonomiadministration',
    ownerUser: 'controller',
    existingControls: 'Systemspärr mot egenattest i ekonomisystemet.',
    plannedActions: 'Årlig uppdatering av attestlistor.',
    assessments: [
      ['2024-03-18', 2, 3, ''],
      ['2025-03-17', 1, 3, 'Spärren i ekonomisystemet fungerar.'],
    ],
  },
  {
    key: 'rs-inkop',
    owner: rs,
    title: 'Inköp utanför avtal',
    description: 'Köp görs från leverantörer utan avtal.',
    cause: 'Avtalen är svåra att hitta; brådska.',
    consequence: 'Brott mot LOU, högre priser.',
    process: 'Inköp',
    ownerUser: 'controller',
    existingControls: 'Avtalskatalog; årlig uppföljning av avtalstrohet.',
    plannedActions: 'E-handel för fler varugrupper.',
    assessments: [
      ['2024-03-18', 3, 3, ''],
      ['2025-03-17', 3, 3, ''],
    ],
    measures: ['konsulter'],
  },
  {
    key: 'rs-ekonomi',
    owner: rs,
    title: 'Sparplanen Hållbar framtid når inte 500 mnkr',
    description: 'Åtgärder med låg genomförbarhet räknas in i planen.',
    cause: 'Åtgärder med genomförbarhet 3 saknar konkreta beslut.',
    consequence: 'Underskott; krav på återställning enligt kommunallagen.',
    process: 'Budget och uppföljning',
    ownerUser: 'controller',
    existingControls: 'Månadsuppföljning av handlingsplanen.',
    plannedActions: 'Kompletterande åtgärder beslutas vid delårsrapporten.',
    assessments: [
      ['2024-05-14', 3, 4, ''],
      ['2024-09-10', 4, 4, 'Prognosen visar 420 mnkr.'],
      ['2025-02-11', 3, 4, ''],
    ],
    goals: ['balans'],
    indicators: ['budgetavvikelse'],
  },
  {
    key: 'rs-gdpr',
    owner: rs,
    title: 'Personuppgifter behandlas utan rättslig grund',
    description: 'Register och system saknar registerförteckning.',
    cause: 'Nya system införs utan dataskyddsbedömning.',
    consequence: 'Sanktionsavgifter; integritetsintrång.',
    process: 'Informationssäkerhet',
    ownerUser: 'controller',
    existingControls: 'Dataskyddsombud.',
    plannedActions: 'Krav på konsekvensbedömning i införandeprocessen.',
    assessments: [['2024-11-05', 2, 3, '']],
  },
  {
    key: 'rs-kompetens',
    owner: { unit: 'stab' },
    title: 'Nyckelkompetens i staberna',
    description: 'Få personer kan ekonomisystemet och lönesystemet.',
    cause: 'Små staber och pensionsavgångar.',
    consequence: 'Sårbarhet vid bokslut och lönekörning.',
    process: 'Kompetensförsörjning',
    ownerUser: 'controller',
    existingControls: 'Dokumenterade rutiner.',
    plannedActions: 'Dubbelbemanning av kritiska roller.',
    assessments: [['2025-01-20', 2, 3, '']],
  },
  {
    key: 'rs-mutor',
    owner: rs,
    title: 'Mutor och otillbörliga förmåner vid upphandling',
    description: 'Leverantörer erbjuder förmåner till beställare.',
    cause: 'Nära relationer med leverantörer.',
    consequence: 'Brott; förtroendeskada.',
    process: 'Inköp',
    ownerUser: 'controller',
    existingControls: 'Policy mot mutor; jävsdeklaration i upphandlingar.',
    plannedActions: 'Utbildning för beställare.',
    assessments: [['2024-10-15', 1, 4, '']],
  },
];

export async function seedRisks(
  services: Services,
  units: ReadonlyMap<string, string>,
  bodies: ReadonlyMap<string, string>,
  users: ReadonlyMap<string, string>,
  steering: SteeringIds,
  measures: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const actor = systemActor('demo');
  const ids = new Map<string, string>();
  const need = (map: ReadonlyMap<string, string>, key: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`demo risks: unknown key ${key}`);
    return id;
  };
  for (const r of RISKS) {
    const riskId = await addRisk(
      services,
      actor,
      {
        bodyId: 'body' in r.owner ? need(bodies, r.owner.body) : null,
        unitId: 'unit' in r.owner ? need(units, r.owner.unit) : null,
        title: r.title,
        description: r.description,
        cause: r.cause,
        consequence: r.consequence,
        process: r.process,
        ownerUserId: need(users, r.ownerUser),
        existingControls: r.existingControls,
        plannedActions: r.plannedActions,
      },
      undefined,
      {
        // Oldest first, as they were made.
        assessments: r.assessments.map(([assessedAt, probability, consequence, comment]) => ({
          assessedAt,
          probability,
          consequence,
          comment,
        })),
        systemLinks: [
          ...(r.goals ?? []).map((g) => ({ kind: 'goal' as const, targetId: need(steering.goals, g) })),
          ...(r.measures ?? []).map((m) => ({ kind: 'measure' as const, targetId: need(measures, m) })),
          ...(r.indicators ?? []).map((i) => ({ kind: 'indicator' as const, targetId: need(steering.indicators, i) })),
        ],
      },
    );
    ids.set(r.key, riskId);
  }
  return ids;
}
