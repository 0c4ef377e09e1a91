import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_KIND_LABELS, SBAR_HEADINGS } from '../../../domain/reports/content';
import en from '../i18n/en.json';
import sv from '../i18n/sv.json';
import {
  bareParagraph,
  dayOf,
  isNegative,
  keyFor,
  kronorText,
  meetingLabel,
  mnkrText,
  notedFlag,
  outcomeKey,
  paragraphText,
  seriesSize,
  shortHash,
  sortSeries,
} from './labels';
import { OUTCOMES, REPORT_KINDS } from './types';

const NBSP = '\u00a0';
type Tree = { [key: string]: string | Tree };

/** Every key path of a translation tree, "reports.meetings.title". */
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`),
  );
}

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'sv',
    resources: { sv: { translation: sv }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});

describe('meeting labels', () => {
  it('names a meeting as the protocol does', () => {
    expect(meetingLabel({ bodyName: 'Regionstyrelsen', meetsOn: '2024-09-16', paragraph: '122' })).toBe(
      `Regionstyrelsen 2024-09-16 §${NBSP}122`,
    );
    expect(meetingLabel({ bodyName: 'Regionstyrelsen', meetsOn: '2024-09-16', paragraph: '§ 122' })).toBe(
      `Regionstyrelsen 2024-09-16 §${NBSP}122`,
    );
    expect(meetingLabel({ bodyName: 'Hälso- och sjukvårdsnämnden', meetsOn: '2024-10-02' })).toBe(
      'Hälso- och sjukvårdsnämnden 2024-10-02',
    );
    expect(meetingLabel({ bodyName: 'HSN', meetsOn: '2024-10-02', paragraph: '  ' })).toBe('HSN 2024-10-02');
  });

  it('reads a typed paragraph with or without its sign', () => {
    expect(paragraphText('§45')).toBe(`§${NBSP}45`);
    expect(paragraphText(null)).toBe('');
    expect(bareParagraph(' § 45 ')).toBe('45');
    expect(bareParagraph('45 a')).toBe('45 a');
  });
});

describe('outcome labels', () => {
  it('says what a body did in words, in both languages', () => {
    expect(OUTCOMES.map((o) => i18n.t(outcomeKey(o), { lng: 'sv' }))).toEqual([
      'Beslut',
      'Uppdrag',
      'Antecknas till protokollet',
    ]);
    expect(i18n.t(outcomeKey('information'), { lng: 'en' })).toBe('Noted in the minutes');
    expect(i18n.t('reports.outcomeChoice.information')).toBe('Information – antecknas till protokollet');
  });

  it('names the report kinds and SBAR parts as the exports do', () => {
    for (const k of REPORT_KINDS) expect(i18n.t(`reports.kind.${k}`)).toBe(REPORT_KIND_LABELS[k]);
    for (const [k, heading] of Object.entries(SBAR_HEADINGS)) expect(i18n.t(`reports.sbar.${k}`)).toBe(heading);
  });

  it('has every Swedish text in English too', () => {
    const svKeys = keysOf(sv.reports as unknown as Tree).sort();
    expect(keysOf(en.reports as unknown as Tree).sort()).toEqual(svKeys);
  });
});

describe('series flags', () => {
  it('flags a body informed two or more times in a row, in words', () => {
    expect(notedFlag({ notedInARow: 0 })).toBeNull();
    expect(notedFlag({ notedInARow: 1 })).toBeNull();
    expect(notedFlag({ notedInARow: 2 })).toBe(2);
    expect(i18n.t('reports.notedInARow', { count: 3, formatted: '3' })).toBe('Informerad 3 gånger i rad utan beslut');
    expect(i18n.t('reports.notedInARow', { count: 3, formatted: '3', lng: 'en' })).toBe(
      'Informed 3 times in a row without a decision',
    );
  });

  it("follows the server's flag when it sends one, and counts a series by its reports", () => {
    expect(notedFlag({ notedInARow: 3, flagged: false })).toBeNull();
    expect(notedFlag({ notedInARow: 2, flagged: true })).toBe(2);
    expect(
      seriesSize({
        reports: [
          { id: 'a', title: 'A', meetsOn: '2024-08-27', outcome: 'information' },
          { id: 'b', title: 'B', meetsOn: '2024-10-08', outcome: null },
        ],
      }),
    ).toBe(2);
  });

  it('puts the longest run of noted reports first', () => {
    const s = (bodyName: string, unitName: string, notedInARow: number) => ({
      bodyName,
      unitName,
      reports: [],
      notedInARow,
      flagged: notedInARow >= 2,
    });
    const sorted = sortSeries([
      s('RS', 'Region', 0),
      s('HSN', 'Hälso- och sjukvård', 2),
      s('RS', 'Hälso', 3),
      s('HSN', 'Akut', 1),
    ]);
    expect(sorted.map((x) => `${x.bodyName}/${x.unitName}`)).toEqual([
      'RS/Hälso',
      'HSN/Hälso- och sjukvård',
      'HSN/Akut',
      'RS/Region',
    ]);
  });
});

describe('figures and stamps', () => {
  it('shows whole kronor strings in mnkr, exactly rounded, with the kronor for a tooltip', () => {
    expect(mnkrText('343600000')).toBe(`343,6 mnkr`);
    expect(mnkrText('1234500000')).toBe(`1${NBSP}234,5 mnkr`);
    expect(mnkrText('-4150000')).toBe(`\u22124,2 mnkr`);
    expect(mnkrText('90071992547409930000')).toBe(`90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,9 mnkr`);
    expect(mnkrText(null)).toBe('–');
    expect(mnkrText('12.5')).toBe('–');
    expect(kronorText('343600000')).toBe(`343${NBSP}600${NBSP}000 kr`);
    expect(isNegative('-1')).toBe(true);
    expect(isNegative('0')).toBe(false);
    expect(isNegative(null)).toBe(false);
  });

  it('reads an amount frozen as a JSON number the same as its string', () => {
    expect(mnkrText(343_600_000)).toBe(mnkrText('343600000'));
    expect(mnkrText(-4_150_000)).toBe(`\u22124,2 mnkr`);
    expect(kronorText(-4_150_000)).toBe(kronorText('-4150000'));
    expect(isNegative(-1)).toBe(true);
    expect(isNegative(0)).toBe(false);
  });

  it('shortens a content hash and gives the Swedish day of a timestamp', () => {
    expect(shortHash('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortHash('abcdef')).toBe('abcdef');
    expect(dayOf('2024-09-15T22:30:00Z')).toBe('2024-09-16');
    expect(dayOf('2024-01-15T22:30:00Z')).toBe('2024-01-15');
  });
});

describe('idempotency keys', () => {
  it('keeps the key while the same request is retried and makes a new one when it changes', () => {
    let n = 0;
    const make = () => `key-${++n}`;
    const first = keyFor(null, 'send:1:m1:45', make);
    expect(first.key).toBe('key-1');
    expect(keyFor(first, 'send:1:m1:45', make)).toBe(first);
    expect(keyFor(first, 'send:1:m1:46', make).key).toBe('key-2');
  });
});
