import type { BodyKind, UnitLevel } from '../../domain/org';

/** Region Exempel: a fictitious region shaped like a real one (place names are made up). */
export interface DemoUnit {
  key: string;
  name: string;
  level: UnitLevel;
  code: string;
  manager: string;
  children?: DemoUnit[];
}

const u = (
  key: string,
  name: string,
  level: UnitLevel,
  code: string,
  manager: string,
  children?: DemoUnit[],
): DemoUnit => ({
  key,
  name,
  level,
  code,
  manager,
  children,
});
const enheter = (prefix: string, names: [string, string][]) =>
  names.map(([name, manager], i) => u(`${prefix}-${i + 1}`, name, 'enhet', `${prefix}${i + 1}`, manager));

export const DEMO_REGION: DemoUnit = u('region', 'Region Exempel', 'region', '1000', 'Maria Lindqvist', [
  u('hs', 'Hälso- och sjukvård', 'forvaltning', '2000', 'Johan Berg', [
    u('kirurgi', 'Kirurgi', 'division', '2100', 'Anna Holm', [
      u('ortokir', 'Område Ortopedi och kirurgi', 'omrade', '2110', 'Per Sandberg', [
        u(
          'kir',
          'Kirurgkliniken',
          'verksamhet',
          '2111',
          'Lena Ek',
          enheter('2111', [
            ['Kirurgavdelning 1', 'Sara Nyström'],
            ['Kirurgavdelning 2', 'Karin Wall'],
            ['Kirurgmottagningen', 'Olle Björk'],
          ]),
        ),
        u(
          'orto',
          'Ortopedkliniken',
          'verksamhet',
          '2112',
          'Mats Fors',
          enheter('2112', [
            ['Ortopedavdelningen', 'Eva Strand'],
            ['Ortopedmottagningen', 'Nils Hed'],
          ]),
        ),
      ]),
      u('anop', 'Område Anestesi och operation', 'omrade', '2120', 'Ingrid Falk', [
        u(
          'op',
          'Operationskliniken',
          'verksamhet',
          '2121',
          'Tomas Lund',
          enheter('2121', [
            ['Centraloperation', 'Helena Dahl'],
            ['Dagkirurgen Åby', 'Jonas Roos'],
          ]),
        ),
        u(
          'iva',
          'Anestesi och intensivvård',
          'verksamhet',
          '2122',
          'Cecilia Moberg',
          enheter('2122', [
            ['Intensivvårdsavdelningen', 'Emil Sjö'],
            ['Anestesimottagningen', 'Frida Lööf'],
          ]),
        ),
      ]),
    ]),
    u('medicin', 'Medicin', 'division', '2200', 'Erik Sundin', [
      u('intmed', 'Område Internmedicin', 'omrade', '2210', 'Sofia Åkerlund', [
        u(
          'med',
          'Medicinkliniken',
          'verksamhet',
          '2211',
          'Gustav Palm',
          enheter('2211', [
            ['Medicinavdelning 1', 'Hanna Berglund'],
            ['Medicinavdelning 2', 'Lars Ström'],
            ['Medicinmottagningen', 'Maja Öst'],
          ]),
        ),
        u(
          'hjarta',
          'Hjärtkliniken',
          'verksamhet',
          '2212',
          'Viktor Hall',
          enheter('2212', [
            ['Hjärtavdelningen', 'Alva Rydén'],
            ['Hjärtmottagningen', 'Oskar Brink'],
          ]),
        ),
      ]),
      u('akut', 'Område Akutsjukvård', 'omrade', '2220', 'Linnea Svärd', [
        u(
          'akm',
          'Akutkliniken',
          'verksamhet',
          '2221',
          'Henrik Vik',
          enheter('2221', [
            ['Akutmottagningen Centralsjukhuset', 'Elin Kvist'],
            ['Närakuten Älvdal', 'Anton Ekman'],
          ]),
        ),
      ]),
    ]),
    u('medserv', 'Medicinsk service', 'division', '2300', 'Karl Nord', [
      u('lab', 'Område Laboratoriemedicin', 'omrade', '2310', 'Ida Lind', [
        u(
          'kemi',
          'Klinisk kemi',
          'verksamhet',
          '2311',
          'Axel Borg',
          enheter('2311', [
            ['Laboratoriet Centralsjukhuset', 'Moa Hellström'],
            ['Laboratoriet Åby', 'Isak Wiklund'],
          ]),
        ),
        u(
          'mikro',
          'Klinisk mikrobiologi',
          'verksamhet',
          '2312',
          'Ebba Forsberg',
          enheter('2312', [['Mikrobiologiska laboratoriet', 'Albin Sund']]),
        ),
      ]),
      u('bild', 'Område Bild- och funktionsmedicin', 'omrade', '2320', 'Wilma Björklund', [
        u(
          'rtg',
          'Röntgenkliniken',
          'verksamhet',
          '2321',
          'Filip Norén',
          enheter('2321', [
            ['Röntgen Centralsjukhuset', 'Klara Engström'],
            ['Röntgen Älvdal', 'Hugo Lindgren'],
          ]),
        ),
      ]),
    ]),
    u('primarvard', 'Primärvård', 'division', '2400', 'Astrid Mattsson', [
      u('pvnorr', 'Område Primärvård norr', 'omrade', '2410', 'Ludvig Åberg', [
        u(
          'vcnorr',
          'Vårdcentraler norr',
          'verksamhet',
          '2411',
          'Elsa Hedlund',
          enheter('2411', [
            ['Vårdcentralen Norrby', 'Vera Olofsson'],
            ['Vårdcentralen Åby', 'Melvin Söderberg'],
            ['Vårdcentralen Älvdal', 'Tilda Bergman'],
          ]),
        ),
      ]),
      u('pvsoder', 'Område Primärvård söder', 'omrade', '2420', 'Theo Lundqvist', [
        u(
          'vcsoder',
          'Vårdcentraler söder',
          'verksamhet',
          '2421',
          'Agnes Jonsson',
          enheter('2421', [
            ['Vårdcentralen Sjöstad', 'Leo Eliasson'],
            ['Vårdcentralen Söderby', 'Stina Nyberg'],
            ['Vårdcentralen Östermark', 'Arvid Holmgren'],
          ]),
        ),
        u(
          'bmm',
          'Barn- och mödrahälsovård',
          'verksamhet',
          '2422',
          'Greta Sjöberg',
          enheter('2422', [
            ['Barnavårdscentralen', 'Nora Lindberg'],
            ['Mödrahälsovården', 'Elis Axelsson'],
          ]),
        ),
      ]),
    ]),
    u('psykiatri', 'Psykiatri', 'division', '2500', 'Ingvar Dahlberg', [
      u('vuxpsyk', 'Område Vuxenpsykiatri', 'omrade', '2510', 'Saga Blom', [
        u(
          'psykslut',
          'Psykiatrisk slutenvård',
          'verksamhet',
          '2511',
          'Ove Lundin',
          enheter('2511', [
            ['Avdelning 31', 'Ella Sandström'],
            ['Avdelning 32', 'Liam Fredriksson'],
          ]),
        ),
        u(
          'psykopen',
          'Psykiatrisk öppenvård',
          'verksamhet',
          '2512',
          'Tove Ekström',
          enheter('2512', [
            ['Psykiatrimottagningen Åby', 'Noah Isaksson'],
            ['Psykiatrimottagningen Östermark', 'Alice Hägg'],
          ]),
        ),
      ]),
      u('bup', 'Område Barn- och ungdomspsykiatri', 'omrade', '2520', 'Signe Lund', [
        u(
          'bupv',
          'BUP-kliniken',
          'verksamhet',
          '2521',
          'Edvin Strömberg',
          enheter('2521', [['BUP-mottagningen', 'Lova Jakobsson']]),
        ),
      ]),
    ]),
  ]),
  u('rs', 'Regionservice', 'forvaltning', '3000', 'Bengt Ahlström', [
    u(
      'maltid',
      'Måltidsservice',
      'omrade',
      '3100',
      'Gun Persson',
      enheter('3100', [
        ['Köket Centralsjukhuset', 'Rolf Nilsson'],
        ['Köket Älvdal', 'Siv Karlsson'],
      ]),
    ),
    u(
      'vardnara',
      'Vårdnära service',
      'omrade',
      '3200',
      'Kent Larsson',
      enheter('3200', [['Vårdnära service Centralsjukhuset', 'Britt Olsson']]),
    ),
    u('it', 'IT-service', 'omrade', '3300', 'Jan Svensson', enheter('3300', [['Användarstöd', 'Åsa Gustafsson']])),
  ]),
  u('kt', 'Kollektivtrafik', 'forvaltning', '4000', 'Eva Pettersson', [
    u(
      'trafik',
      'Trafikplanering',
      'omrade',
      '4100',
      'Lars Johansson',
      enheter('4100', [['Linjetrafik', 'Ulla Andersson']]),
    ),
    u(
      'skolskjuts',
      'Skolskjutsar och färdtjänst',
      'omrade',
      '4200',
      'Anders Eriksson',
      enheter('4200', [
        ['Skolskjutsar', 'Birgitta Jansson'],
        ['Färdtjänst', 'Göran Hansson'],
      ]),
    ),
  ]),
  u('hos', 'Hörsel och syn', 'forvaltning', '5000', 'Margareta Bengtsson', [
    u(
      'horsel',
      'Hörselvården',
      'omrade',
      '5100',
      'Stefan Jönsson',
      enheter('5100', [['Hörselmottagningen', 'Kerstin Lindström']]),
    ),
    u('syn', 'Syncentralen', 'omrade', '5200', 'Per Axelsson', enheter('5200', [['Synmottagningen', 'Inger Berg']])),
  ]),
  u('stab', 'Regionstab', 'forvaltning', '6000', 'Christina Jakobsson', [
    u('ekonomi', 'Ekonomistaben', 'omrade', '6100', 'Peter Magnusson', []),
    u('hr', 'HR-staben', 'omrade', '6200', 'Lena Olausson', []),
    u('kansli', 'Regionkansliet', 'omrade', '6300', 'Mikael Holmberg', []),
  ]),
]);

export interface DemoBody {
  key: string;
  name: string;
  kind: BodyKind;
  parent: string | null;
  governs: string[];
}

export const DEMO_BODIES: DemoBody[] = [
  { key: 'rf', name: 'Regionfullmäktige', kind: 'fullmaktige', parent: null, governs: ['region'] },
  { key: 'rs', name: 'Regionstyrelsen', kind: 'styrelse', parent: 'rf', governs: ['region', 'stab'] },
  { key: 'hsn', name: 'Hälso- och sjukvårdsnämnden', kind: 'namnd', parent: 'rf', governs: ['hs', 'hos'] },
  { key: 'ktn', name: 'Kollektivtrafiknämnden', kind: 'namnd', parent: 'rf', governs: ['kt'] },
  { key: 'sn', name: 'Servicenämnden', kind: 'namnd', parent: 'rf', governs: ['rs'] },
  { key: 'rsau', name: 'Regionstyrelsens arbetsutskott', kind: 'utskott', parent: 'rs', governs: [] },
  // Appointed by fullmäktige; they review every body and decide nothing (KL 12 kap.).
  { key: 'rev', name: 'Regionens revisorer', kind: 'revisorer', parent: 'rf', governs: [] },
];
