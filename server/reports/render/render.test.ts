import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportContent } from '../../../domain/reports/content';
import { actionPlanChart, indicatorChart, MAX_CHART_INDICATORS } from './charts';
import { renderDocx } from './docx';
import { sampleReportContent } from './fixture';
import * as f from './format';
import { hyphenate, hyphenateLongWords } from './hyphenate';
import { REPORT_FORMATS, renderReport, reportFileName } from './index';
import { renderPdf, toWinAnsi } from './pdf';
import { actionPlanTable } from './tables';
import { renderXlsx, SHEETS } from './xlsx';

/** Non-breaking and thin spaces as plain spaces, so expected text can be written plainly. */
const plain = (text: string) => text.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ');

// The fixture is a month's report: the internkontrollrapport's own section is not in it.
const HEADINGS = f.SECTIONS.filter((s) => s.id !== 'internalControl').map((s) => s.title);
const HAS_DEJAVU = existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rod-trad-render-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
function writePdf(pdf: Buffer): string {
  const file = join(dir, `report-${++fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The text of a PDF (or of pages first–last) as poppler lays it out. */
function pdfText(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return plain(
    execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' }),
  );
}

/** Each page's text; pdftotext ends every page with a form feed. */
const pagesOf = (text: string) => text.split('\f').slice(0, -1);

const pdfInfo = (file: string) => execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });

/** Whether the page has a line that is exactly `text` (a heading), not text within a line. */
const hasLine = (page: string, text: string) => page.split('\n').some((line) => line.trim() === text);

/** The contents on page 1: each entry's title and the page it gives. */
function contentsOf(firstPage: string): Map<string, number> {
  const lines = firstPage.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Innehåll');
  const entries = new Map<string, number>();
  for (const line of lines.slice(start + 1)) {
    const m = /^\s*(\S.*?)\s{2,}(\d+)\s*$/.exec(line);
    if (m && !line.includes('Sida ')) entries.set(m[1] as string, Number(m[2]));
  }
  return entries;
}

function recorder() {
  const calls: { fraction: number; step: string }[] = [];
  return { calls, onProgress: (fraction: number, step: string) => calls.push({ fraction, step }) };
}

function expectProgress(calls: { fraction: number; step: string }[]) {
  expect(calls.length).toBeGreaterThan(3);
  for (let i = 1; i < calls.length; i++)
    expect(calls[i]?.fraction, `step ${i} "${calls[i]?.step}"`).toBeGreaterThan(calls[i - 1]?.fraction as number);
  expect(calls[0]?.fraction).toBeGreaterThanOrEqual(0);
  expect(calls.at(-1)?.fraction).toBe(1);
  for (const c of calls) expect(c.step.trim()).not.toBe('');
}

describe('Swedish formatting', () => {
  it('formats whole kronor as mnkr with Swedish separators and minus', () => {
    expect(f.amount('343600000')).toBe('343,6 mnkr');
    expect(f.amount('-146600000')).toBe('\u2212146,6 mnkr');
    expect(f.amount(null)).toBe(f.NO_VALUE);
    expect(f.amountFigure('197000000')).toBe('197,0');
    // beyond 2^53, exactly
    expect(plain(f.amount('123456789012345678'))).toBe('123 456 789 012,3 mnkr');
    expect(f.amountDeviation('8400000')).toBe('+8,4 mnkr');
    expect(f.amountDeviation('0')).toBe('0,0 mnkr');
    expect(f.amountDeviationFigure('-12000000')).toBe('\u221212,0');
  });

  it('gives the exact mnkr of whole kronor as a number', () => {
    expect(f.mnkrNumber('343600000')).toBe(343.6);
    expect(f.mnkrNumber('-146600000')).toBe(-146.6);
    expect(f.mnkrNumber('8400000')).toBe(8.4);
    expect(f.mnkrNumber('1')).toBe(0.000001);
  });

  it('formats indicator values with one decimal at most and the unit of measure', () => {
    expect(f.indicatorValue('4.8', '%')).toBe('4,8\u00a0%');
    expect(f.indicatorValue('2.40', '%')).toBe('2,4\u00a0%');
    expect(plain(f.indicatorValue('1840', 'antal'))).toBe('1 840');
    expect(f.indicatorValue('4.1', 'timmar')).toBe('4,1 timmar');
    expect(f.indicatorValue('-146.6', 'mnkr')).toBe('\u2212146,6\u00a0mnkr');
    expect(f.indicatorValue(null, '%')).toBe(f.NO_VALUE);
    expect(f.indicatorDeviation('2.8', '%')).toBe('+2,8 procentenheter');
    expect(f.indicatorDeviation('-0.5', 'timmar')).toBe('\u22120,5 timmar');
  });

  it('rounds percentages and percentage points to one decimal, exactly from the decimal string', () => {
    expect(f.indicatorValue('13.2449', '%')).toBe('13,2\u00a0%');
    expect(f.indicatorValue('2', '%')).toBe('2,0\u00a0%');
    expect(f.indicatorValue('0.05', '%')).toBe('0,1\u00a0%');
    expect(f.indicatorDeviation('-11.7551', '%')).toBe('\u221211,8 procentenheter');
    expect(f.indicatorDeviation('-0.04', '%')).toBe('0,0 procentenheter');
    expect(f.indicatorValue('-0.04', '%')).toBe('0,0\u00a0%');
    // beyond what a float holds: rounded from the text, not from a binary approximation
    expect(plain(f.indicatorValue('1234567890123456.25', '%'))).toBe('1 234 567 890 123 456,3 %');
    expect(f.indicatorValue('4.13333', 'timmar')).toBe('4,1 timmar');
    expect(plain(f.indicatorValue('1840', 'antal'))).toBe('1 840');
    expect(f.indicatorNumberFormat('13.2449', '%')).toBe('#,##0.0');
    expect(f.indicatorNumberFormat('2', '%')).toBe('#,##0.0');
    expect(f.indicatorNumberFormat('1840', 'antal')).toBe('#,##0');
    expect(f.indicatorNumberFormat('4.13333', 'timmar')).toBe('#,##0.0');
    expect(f.MNKR_NUMBER_FORMAT).toBe('#,##0.0');
  });

  it('puts each measure under its own unit, also in content frozen with all unit rows first', () => {
    const row = (unitName: string, measure: string | null) => ({
      unitName,
      measure,
      targetKr: '0',
      forecastKr: null,
      deviationKr: null,
      comment: '',
      stale: false,
    });
    const legacy = [
      row('Hälso- och sjukvård', null),
      row('Kirurgi', null),
      row('Psykiatri', null),
      row('Kirurgi', 'Färre överbeläggningar'),
      row('Ortopedkliniken', 'Dagkirurgi'),
      row('Psykiatri', 'Heltidsresan'),
      row('Hälso- och sjukvård', 'Gemensam upphandling'),
    ];
    const labels = (lines: f.ActionPlanLine[]) => lines.map((l) => (l.unitRow ? `[${l.label}]` : l.label));
    expect(labels(f.actionPlanLines({ rows: legacy }))).toEqual([
      '[Hälso- och sjukvård]',
      'Dagkirurgi (Ortopedkliniken)',
      'Gemensam upphandling',
      '[Kirurgi]',
      'Färre överbeläggningar',
      '[Psykiatri]',
      'Heltidsresan',
    ]);
    // Content built now is grouped already; a measure owned further down names its owner.
    const grouped = [
      row('Hälso- och sjukvård', null),
      row('Kirurgi', null),
      row('Ortopedkliniken', 'Dagkirurgi'),
      row('Kirurgi', 'Färre överbeläggningar'),
      row('Psykiatri', null),
    ];
    expect(labels(f.actionPlanLines({ rows: grouped, layout: 'byUnit' }))).toEqual([
      '[Hälso- och sjukvård]',
      '[Kirurgi]',
      'Dagkirurgi (Ortopedkliniken)',
      'Färre överbeläggningar',
      '[Psykiatri]',
    ]);
  });

  it('names months and dates in Swedish', () => {
    expect(f.month('2025-09')).toBe('september 2025');
    expect(f.month('2024-01')).toBe('januari 2024');
    expect(f.month('2024-13')).toBe('2024-13');
    expect(f.date('2024-10-24')).toBe('24 oktober 2024');
    expect(f.staleText('2024-06')).toBe('senast rapporterad: juni 2024');
    expect(f.staleText(null)).toBe('aldrig rapporterad');
    expect(f.statusLabel('red')).toBe('Röd');
  });

  it('keeps the standard fonts to what WinAnsi can show', () => {
    expect(toWinAnsi('\u2212146,6\u202fmnkr\u2009x')).toBe('-146,6\u00a0mnkr\u00a0x');
    expect(toWinAnsi('Hälso- och sjukvård – § 112 €')).toBe('Hälso- och sjukvård – § 112 €');
    expect(toWinAnsi('≈ ✓')).toBe('? ?');
  });

  it('gives a safe file name', () => {
    const content = sampleReportContent();
    expect(reportFileName(content, 'pdf')).toBe('manadsrapport-halso-och-sjukvard-2024-09.pdf');
    expect(reportFileName({ ...content, kind: 'interim', unitName: 'Område Nära vård / Östra "A"' }, 'docx')).toBe(
      'delarsrapport-omrade-nara-vard-ostra-a-2024-09.docx',
    );
  });
});

describe('PDF', () => {
  const content = sampleReportContent();
  let file: string;
  let text: string;
  let pages: string[];
  let pdf: Buffer;
  const progress = recorder();

  beforeAll(async () => {
    pdf = await renderPdf(content, progress.onProgress);
    file = writePdf(pdf);
    text = pdfText(file);
    pages = pagesOf(text);
  }, 60_000);

  it('is an A4 PDF with the title and language set', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(file);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toContain(`Title:           ${content.title}`);
    expect(pdf.toString('latin1')).toContain('/Lang (sv-SE)');
    if (HAS_DEJAVU) expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  });

  it('shows the key figures in Swedish format', () => {
    expect(text).toContain('343,6 mnkr');
    expect(text).toContain('197,0 mnkr');
    expect(text).toContain('\u2212146,6 mnkr');
    expect(text).toMatch(/Anti-VEGF\s+15,6\s+24,0\s+\+8,4/);
    expect(text).toMatch(/Närakuten \(inaktuell\)\s+12,0\s+0,0\s+\u221212,0/);
    expect(text).toMatch(/Summa Hållbar framtid\s+343,6\s+197,0\s+\u2212146,6/);
    expect(text).toContain('(inaktuell) – uppgiften är inte rapporterad');
  });

  it('has the title block and every section', () => {
    expect(pages[0]).toContain('Hälso- och sjukvårdsnämnden 24 oktober 2024, § 112');
    expect(pages[0]).toContain('september 2024');
    for (const heading of ['Innehåll', ...HEADINGS]) expect(text).toContain(heading);
    expect(text).toContain(content.sbar.situation.split('.')[0]);
    // poppler may join a short figure and its unit
    expect(text).toMatch(/Andel inhyrd personal\s+2,0 ?%\s+4,8 ?%\s+4,2 ?%\s+Röd/);
    expect(text).toMatch(/Grön 2\s+Gul 3\s+Röd 4\s+Saknar värde 1/);
    expect(text).toMatch(/Översyn av jourlinjer\s+Åtgärd\s+Område Nära vård\s+aldrig rapporterad/);
    expect(text).toMatch(/Närakuten\s+Åtgärd\s+Område Specialiserad vård\s+senast rapporterad: juni/);
    // the unit wraps under the figure in its narrow column
    expect(text).toMatch(/\+2,8[^\n]*\n[^\n]*procentenheter/);
    expect(text).toMatch(/Beslutsnivå: Regionstyrelsen( \(eskalerad\)|\s*\n[^\n]*\(eskalerad\))/);
  });

  it('numbers every page "Sida N av M"', () => {
    const count = Number(/Pages:\s+(\d+)/.exec(pdfInfo(file))?.[1]);
    expect(pages.length).toBe(count);
    expect(count).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`Sida ${i + 1} av ${count}`);
    });
  });

  it('lists every section in the contents on the page where it starts', () => {
    const contents = contentsOf(pages[0] as string);
    expect([...contents.keys()]).toEqual(HEADINGS);
    let previous = 0;
    for (const [title, page] of contents) {
      expect(page).toBeGreaterThanOrEqual(previous);
      previous = page;
      expect(hasLine(pdfText(file, { first: page, last: page }), title), `${title} on page ${page}`).toBe(true);
      pages.forEach((other, i) => {
        if (i + 1 !== page) expect(hasLine(other, title), `${title} also on page ${i + 1}`).toBe(false);
      });
    }
    expect(contents.get('Inaktuella uppgifter')).toBeGreaterThan(2);
  });

  it('reports progress up to 1', () => {
    expectProgress(progress.calls);
  });
});

describe('PDF of a large region', () => {
  let file: string;
  let pages: string[];

  beforeAll(async () => {
    file = writePdf(await renderPdf(sampleReportContent(20)));
    pages = pagesOf(pdfText(file));
  }, 120_000);

  it('breaks its tables across pages with the header row repeated', () => {
    expect(pages.length).toBeGreaterThan(15);
    const withHeader = pages.filter((p) => /Enhet \/ åtgärd\s+Mål,/.test(p)).length;
    const continued = pages.filter((p) => p.includes('Åtgärdsplan (forts.)')).length;
    expect(continued).toBeGreaterThan(3);
    expect(withHeader).toBe(continued + 1);
    // the last unit of the last copy made it in
    expect(pages.join('\n')).toMatch(/Område Psykiatri 20\s+65,6\s+25,0\s+\u221240,6/);
  });

  it('gives the pages of sections far into the document', () => {
    const contents = contentsOf(pages[0] as string);
    for (const title of ['Styrkort', 'Avvikelser och korrigerande åtgärder', 'Inaktuella uppgifter']) {
      const page = contents.get(title) as number;
      expect(page).toBeGreaterThan(5);
      expect(hasLine(pdfText(file, { first: page, last: page }), title)).toBe(true);
      expect(hasLine(pdfText(file, { first: page - 1, last: page - 1 }), title)).toBe(false);
    }
    expect(pages.at(-1)).toContain(`Sida ${pages.length} av ${pages.length}`);
  });
});

describe('PDF text layout', () => {
  it('wraps long text inside the page and cuts a row longer than a page', async () => {
    const content = sampleReportContent();
    const plan = content.actionPlan as NonNullable<ReportContent['actionPlan']>;
    const long = `${'Ordentligt lång kommentar om åtgärdens effekter. '.repeat(12)}SLUTORDET`;
    const endless = 'Kommentaren fortsätter sida efter sida. '.repeat(800);
    plan.rows[1] = { ...(plan.rows[1] as (typeof plan.rows)[number]), comment: long };
    plan.rows[2] = { ...(plan.rows[2] as (typeof plan.rows)[number]), comment: endless };
    content.sbar.background = 'Ett mycket långt stycke. '.repeat(400);
    const file = writePdf(await renderPdf(content));
    const html = execFileSync('/usr/bin/pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const words = [...html.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)];
    expect(words.length).toBeGreaterThan(1000);
    for (const [, xMin, xMax, yMax, word] of words) {
      expect(Number(xMin), word).toBeGreaterThanOrEqual(61);
      expect(Number(xMax), word).toBeLessThanOrEqual(595.28 - 61);
      expect(Number(yMax), word).toBeLessThanOrEqual(841.89 - 30);
    }
    expect(words.some((w) => w[4] === 'SLUTORDET')).toBe(true);
    const count = Number(/Pages:\s+(\d+)/.exec(pdfInfo(file))?.[1]);
    expect(count).toBeLessThan(20);
  }, 60_000);

  it('falls back to the standard fonts with WinAnsi text', async () => {
    const pdf = await renderPdf(sampleReportContent(), undefined, { fonts: 'standard' });
    const text = pdfText(writePdf(pdf));
    expect(text).toContain('-146,6 mnkr');
    expect(text).not.toContain('\u2212');
    expect(text).toContain('Hälso- och sjukvård');
    expect(text).toContain('Förslag till beslut');
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
    expect(pdf.toString('latin1')).not.toContain('DejaVu');
  }, 60_000);
});

describe('Word', () => {
  const content = sampleReportContent();
  let docx: Buffer;
  let zip: JSZip;
  let raw: string;
  const progress = recorder();

  beforeAll(async () => {
    docx = await renderDocx(content, progress.onProgress);
    zip = await JSZip.loadAsync(docx);
    raw = plain((await mammoth.extractRawText({ buffer: docx })).value);
  }, 60_000);

  const part = async (name: string) => {
    const file = zip.file(name);
    expect(file, name).not.toBeNull();
    return (await file?.async('string')) ?? '';
  };

  it('holds the figures and headings', () => {
    expect(raw).toContain('343,6 mnkr');
    expect(raw).toContain('197,0 mnkr');
    expect(raw).toContain('\u2212146,6 mnkr');
    expect(raw).toMatch(/Anti-VEGF\s+15,6\s+24,0\s+\+8,4/);
    for (const heading of ['Innehåll', ...HEADINGS]) expect(raw).toContain(heading);
    expect(raw).toContain(content.proposedDecision.split('\n')[0]);
    expect(raw).toContain('aldrig rapporterad');
  });

  it('uses Word headings, a contents field and repeating table headers', async () => {
    const document = await part('word/document.xml');
    const headings = [...document.matchAll(/<w:pStyle w:val="Heading1"\/>/g)].length;
    expect(headings).toBe(HEADINGS.length);
    expect(document).toMatch(/<w:instrText[^>]*>\s*TOC [^<]*\\o &quot;1-1&quot;/);
    expect(document).toContain('<w:tblHeader/>');
    expect(await part('word/styles.xml')).toContain('<w:lang w:val="sv-SE"/>');
    expect(await part('docProps/core.xml')).toContain(`<dc:title>${content.title}</dc:title>`);
  });

  it('has "Sida X av Y" in the footer', async () => {
    const document = await part('word/document.xml');
    const rels = await part('word/_rels/document.xml.rels');
    const id = /<w:footerReference w:type="default" r:id="(\w+)"\/>/.exec(document)?.[1];
    expect(id).toBeDefined();
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    const footer = await part(`word/${target}`);
    expect(footer).toContain('>Sida </w:t>');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
  });

  it('reports progress up to 1', () => {
    expectProgress(progress.calls);
  });
});

describe('Excel', () => {
  const content = sampleReportContent();
  const workbook = new ExcelJS.Workbook();
  const progress = recorder();

  beforeAll(async () => {
    const plan = content.actionPlan as NonNullable<ReportContent['actionPlan']>;
    plan.rows[1] = { ...(plan.rows[1] as (typeof plan.rows)[number]), comment: '=HYPERLINK("http://x","klicka")' };
    await workbook.xlsx.load((await renderXlsx(content, progress.onProgress)) as unknown as ArrayBuffer);
  }, 60_000);

  const sheet = (name: string) => {
    const found = workbook.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  const rowWith = (ws: ExcelJS.Worksheet, column: number, value: string) => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (!found && row.getCell(column).value === value) found = row;
    });
    if (!found) throw new Error(`no row with ${value}`);
    return found;
  };

  it('has the sheets in Swedish', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Rapport',
      'Åtgärdsplan',
      'Styrkort',
      'Avvikelser',
      'Inaktuella uppgifter',
      'Planer utan beslut',
      'Mål utan beslut',
      'Över befogenhet',
      'Saknar konsekvensanalys',
      'Riskmatris',
      'Högsta risker',
      'Kontrollresultat',
      'Öppna avvikelser',
    ]);
    // The internkontrollrapport's own sheets are not in a month's report.
    const icReport = ['internalControl', 'icPoints', 'icResults', 'icActions', 'icAssessment', 'icOversight'];
    expect(
      Object.entries(SHEETS)
        .filter(([key]) => !icReport.includes(key))
        .map(([, name]) => name),
    ).toEqual(workbook.worksheets.map((w) => w.name));
  });

  it('holds the risk matrix, the highest risks and the control results with counts as numbers', () => {
    const matrix = sheet('Riskmatris');
    expect(matrix.getRow(1).getCell(5).value).toBe('Konsekvens 4 Allvarlig');
    expect(rowWith(matrix, 1, '4 Mycket sannolik').getCell(5).value).toBe('1 (mycket hög)');
    const top = rowWith(sheet('Högsta risker'), 1, 'Beroende av hyrpersonal');
    expect([2, 3, 4, 5].map((c) => top.getCell(c).value)).toEqual([
      'Område Specialiserad vård',
      16,
      'Mycket hög',
      '2024-09-02',
    ]);
    const point = rowWith(sheet('Kontrollresultat'), 1, 'Attest av leverantörsfakturor');
    expect([3, 4, 5, 6, 7, 8].map((c) => point.getCell(c).value)).toEqual([3, 2, 0, 1, 1, 1]);
    const open = rowWith(sheet('Öppna avvikelser'), 1, 'Attest av leverantörsfakturor');
    expect(open.getCell(5).value).toBe('Åtgärden är försenad');
  });

  it('holds the action plan as exact mnkr numbers', () => {
    const ws = sheet('Åtgärdsplan');
    const total = rowWith(ws, 1, 'Summa Hållbar framtid 2024');
    expect([3, 4, 5].map((c) => total.getCell(c).value)).toEqual([343.6, 197, -146.6]);
    expect(total.getCell(5).numFmt).toBe('#,##0.0');
    const antiVegf = rowWith(ws, 2, 'Anti-VEGF');
    expect([3, 4, 5].map((c) => antiVegf.getCell(c).value)).toEqual([15.6, 24, 8.4]);
    const noForecast = rowWith(ws, 2, 'Översyn av jourlinjer');
    expect(noForecast.getCell(4).value).toBeNull();
    expect(noForecast.getCell(6).value).toBe('Ja');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getRow(1).getCell(3).value).toBe('Mål (mnkr)');
  });

  it('neutralises text that would be a formula', () => {
    const row = rowWith(sheet('Åtgärdsplan'), 2, 'Anti-VEGF');
    expect(row.getCell(7).value).toBe('\'=HYPERLINK("http://x","klicka")');
  });

  it('has the text, the scorecard, the deviations and the stale figures', () => {
    const report = sheet('Rapport');
    expect(rowWith(report, 1, 'Situation').getCell(2).value).toBe(content.sbar.situation);
    expect(rowWith(report, 1, 'Förslag till beslut').getCell(2).value).toBe(content.proposedDecision);
    expect(rowWith(report, 1, 'Röd').getCell(2).value).toBe(4);
    const indicator = rowWith(sheet('Styrkort'), 4, 'Andel inhyrd personal');
    expect([6, 7, 8, 9].map((c) => indicator.getCell(c).value)).toEqual([2, 4.8, 4.2, 'Röd']);
    expect(rowWith(sheet('Styrkort'), 4, 'Sjukfrånvaro').getCell(6).numFmt).toBe('#,##0.0');
    const deviation = rowWith(sheet('Avvikelser'), 2, 'Närakuten');
    expect([5, 6, 7].map((c) => deviation.getCell(c).value)).toEqual([12, 0, -12]);
    expect(deviation.getCell(11).value).toBe('Ja');
    expect(rowWith(sheet('Inaktuella uppgifter'), 2, 'Översyn av jourlinjer').getCell(4).value).toBe(
      'aldrig rapporterad',
    );
    expect(rowWith(sheet('Inaktuella uppgifter'), 2, 'Närakuten').getCell(5).value).toBe('2024-06');
  });

  it('reports progress up to 1', () => {
    expectProgress(progress.calls);
  });
});

/**
 * What testers saw: a computed percentage with four decimals, the action plan frozen with every
 * unit row before the measures, and a sent report. Each export must round, group and name.
 */
function readyToSendContent(): ReportContent {
  const content = sampleReportContent();
  content.sent = { on: '2024-10-17', byName: 'Alva Admin' };
  const goal = content.scorecard.goals[0] as ReportContent['scorecard']['goals'][number];
  goal.indicators.push({
    name: 'Andel återinskrivna',
    unitOfMeasure: '%',
    target: '25',
    outcome: '13.2449',
    forecast: '13.25',
    status: 'green',
    stale: false,
  });
  content.deviations.push({
    ...(content.deviations[0] as ReportContent['deviations'][number]),
    name: 'Andel utskrivna före kl 12',
    target: '25',
    value: '13.2449',
    deviation: '-11.7551',
  });
  const plan = content.actionPlan as NonNullable<ReportContent['actionPlan']>;
  plan.rows = [...plan.rows.filter((r) => r.measure === null), ...plan.rows.filter((r) => r.measure !== null)];
  delete plan.layout;
  return content;
}

/** Where each name first appears in the action-plan table (from its header to its sum row). */
function actionPlanOrder(text: string, names: string[]): number[] {
  const start = text.search(/Enhet \/\s*åtgärd/);
  const table = text.slice(start, text.indexOf('Summa Hållbar framtid', start));
  return names.map((name) => table.indexOf(name));
}

describe('a report ready to send, in every format', () => {
  const content = readyToSendContent();
  // words of the unit names that a table cell does not wrap
  const units = ['Specialiserad', 'Nära vård', 'Psykiatri'];
  let pdf: string;
  let word: string;
  const workbook = new ExcelJS.Workbook();

  beforeAll(async () => {
    pdf = pdfText(writePdf(await renderPdf(content)));
    word = plain((await mammoth.extractRawText({ buffer: await renderDocx(content) })).value);
    await workbook.xlsx.load((await renderXlsx(content)) as unknown as ArrayBuffer);
  }, 60_000);

  it('shows percentages and percentage points with one decimal, never four', () => {
    for (const text of [pdf, word]) {
      expect(text).not.toMatch(/\d,\d{2,}/);
      expect(text).toMatch(/13,2 ?%/);
      expect(text).toMatch(/13,3 ?%/);
      expect(text).toMatch(/\u221211,8(\s+|[^\n]*\n[^\n]*)procentenheter/);
    }
  });

  it('lists each measure after its own unit and before the next unit in the PDF and Word', () => {
    for (const text of [pdf, word]) {
      const [specialised, near, psychiatry, antiVegf, digital, fullTime] = actionPlanOrder(text, [
        ...units,
        'Anti-VEGF',
        'Digitala vårdbesök',
        'Heltidsresan',
      ]) as [number, number, number, number, number, number];
      expect(specialised).toBeGreaterThan(0);
      expect(antiVegf).toBeGreaterThan(specialised);
      expect(antiVegf).toBeLessThan(near);
      expect(digital).toBeGreaterThan(near);
      expect(digital).toBeLessThan(psychiatry);
      expect(fullTime).toBeGreaterThan(psychiatry);
    }
  });

  it('lists each measure under its own unit in the spreadsheet too', () => {
    const ws = workbook.getWorksheet(SHEETS.actionPlan) as ExcelJS.Worksheet;
    const measureUnits: string[] = [];
    let current = '';
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(2).value === null) return;
      if (row.getCell(2).value === 'Enhetens sparbeting') current = String(row.getCell(1).value);
      else measureUnits.push(`${current}|${row.getCell(1).value}`);
    });
    expect(measureUnits.length).toBeGreaterThan(0);
    for (const pair of measureUnits) expect(pair.split('|')[0]).toBe(pair.split('|')[1]);
  });

  it('gives the spreadsheet percentage cells one decimal and keeps the exact number', () => {
    let indicator: ExcelJS.Row | undefined;
    workbook.getWorksheet(SHEETS.scorecard)?.eachRow((row) => {
      if (row.getCell(4).value === 'Andel återinskrivna') indicator = row;
    });
    expect(indicator?.getCell(7).value).toBe(13.2449);
    for (const c of [6, 7, 8]) expect(indicator?.getCell(c).numFmt).toBe('#,##0.0');
    let deviation: ExcelJS.Row | undefined;
    workbook.getWorksheet(SHEETS.deviations)?.eachRow((row) => {
      if (row.getCell(2).value === 'Andel utskrivna före kl 12') deviation = row;
    });
    expect(deviation?.getCell(7).value).toBe(-11.7551);
    for (const c of [5, 6, 7]) expect(deviation?.getCell(c).numFmt).toBe('#,##0.0');
    workbook.getWorksheet(SHEETS.actionPlan)?.eachRow((row, n) => {
      if (n > 1 && typeof row.getCell(3).value === 'number') expect(row.getCell(3).numFmt).toBe('#,##0.0');
    });
  });

  it('names the person who sent it', () => {
    for (const text of [pdf, word]) expect(text).toMatch(/Skickad\s+17 oktober 2024 av Alva Admin/);
    let sent: unknown;
    workbook.getWorksheet(SHEETS.report)?.eachRow((row) => {
      if (row.getCell(1).value === 'Skickad') sent = row.getCell(2).value;
    });
    expect(sent).toBe('17 oktober 2024 av Alva Admin');
  });
});

/** The structure tree with each element's text, as poppler reads it (pdfinfo -struct-text). */
const structText = (file: string) =>
  plain(execFileSync('/usr/bin/pdfinfo', ['-struct-text', file], { encoding: 'utf8' }));
/** The structure element types of the tree, in reading order. */
const structTypes = (tree: string) =>
  tree
    .split('\n')
    .map((line) => /^\s*([A-Za-z0-9]+)(?:[\s:]|$)/.exec(line)?.[1])
    .filter((type): type is string => type !== undefined);

describe('an accessible PDF', () => {
  const content = readyToSendContent();
  let file: string;
  let tree: string;

  beforeAll(async () => {
    file = writePdf(await renderPdf(content));
    tree = structText(file);
  }, 60_000);

  it('is tagged, in Swedish, with its title shown and PDF/UA claimed where the fonts are embedded', () => {
    const info = pdfInfo(file);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(info).toContain(`Title:           ${content.title}`);
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toContain('/Lang (sv-SE)');
    expect(raw).toContain('/DisplayDocTitle true');
    if (HAS_DEJAVU) expect(raw).toContain('<pdfuaid:part>1</pdfuaid:part>');
  });

  it('reads in order: title, contents, then each section under its heading', () => {
    const types = structTypes(tree);
    expect(types[0]).toBe('Document');
    expect(types.indexOf('H1')).toBeLessThan(types.indexOf('TOC'));
    const order = [content.title, 'Innehåll', ...HEADINGS].map((text) => tree.indexOf(`"${text}"`));
    for (const [i, at] of order.entries()) {
      expect(at, `${i}`).toBeGreaterThan(-1);
      if (i > 0) expect(at).toBeGreaterThan(order[i - 1] as number);
    }
    expect(tree.match(/^\s+TOCI$/gm)?.length).toBe(HEADINGS.length);
    // the running header and footer are artifacts, not read on every page
    expect(tree).not.toContain('Sida 1 av');
  });

  it('marks table header cells as column headers and keeps each measure in its own row', () => {
    expect(tree).toMatch(/TH:\s*\n\s*\/Scope \/Column\s*\n\s*"Enhet \/ åtgärd"/);
    expect(tree).toMatch(/TR\s*\n\s*TD\s*\n\s*"Anti-VEGF"\s*\n\s*TD\s*\n\s*"15,6"/);
  });

  it('gives each chart a title and an alternative text', () => {
    const raw = readFileSync(file).toString('latin1');
    expect(structTypes(tree).filter((t) => t === 'Figure')).toHaveLength(2);
    expect(raw).toMatch(/\/S \/Figure[\s\S]{0,200}\/Alt/);
  });
});

describe('charts', () => {
  const content = readyToSendContent();
  let pdf: string;
  let word: string;

  beforeAll(async () => {
    pdf = pdfText(writePdf(await renderPdf(content)));
    word = plain((await mammoth.extractRawText({ buffer: await renderDocx(content) })).value);
  }, 60_000);

  it('charts the action plan per unit, target against forecast, in mnkr', () => {
    const chart = actionPlanChart(content.actionPlan as NonNullable<ReportContent['actionPlan']>);
    expect(chart?.categories.map((c) => c.label)).toEqual([
      'Område Specialiserad vård',
      'Område Nära vård',
      'Område Psykiatri',
    ]);
    expect(chart?.categories[0]?.values).toEqual([180, 120]);
    expect(chart?.categories[0]?.texts).toEqual(['180,0', '120,0']);
    expect(chart?.alt).toContain('Område Psykiatri mål 65,6 mnkr, prognos 25,0 mnkr');
  });

  it('charts the indicators against target, worst first, rounded as the tables round', () => {
    const chart = indicatorChart(content.scorecard);
    const rows = chart?.rows ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(MAX_CHART_INDICATORS);
    expect(rows[0]?.status).toBe('red');
    expect(rows.map((r) => r.label)).not.toContain('Personalomsättning'); // no outcome: nothing to draw
    const readmitted = rows.find((r) => r.label === 'Andel återinskrivna');
    expect(plain(readmitted?.outcomeText ?? '')).toBe('13,2 %');
  });

  it('draws both charts in the PDF with their titles and axis labels', () => {
    for (const label of [
      'Mål och prognos per enhet, Hållbar framtid 2024',
      'Belopp, mnkr',
      'Enhet',
      'Nyckeltal: utfall mot mål',
      'Utfall i förhållande till mål',
      'Indikator',
    ])
      expect(pdf).toContain(label);
    expect(pdf).toMatch(/13,2 % \/ 25,0 %/);
  });

  it("gives Word the charts' figures as tables under the same titles", () => {
    expect(word).toContain('Mål och prognos per enhet, Hållbar framtid 2024');
    expect(word).toMatch(/Område Psykiatri\s+65,6\s+25,0/);
    expect(word).toContain('Nyckeltal: utfall mot mål');
    expect(word).toMatch(/Andel återinskrivna\s+13,2 %\s+25,0 %/);
  });
});

describe('wrapping at word boundaries', () => {
  it('breaks a long Swedish compound at syllables, keeping two letters on each side', () => {
    const soft = (word: string) => hyphenate(word).replace(/\u00ad/g, '-');
    expect(soft('Ledningsgrupp')).toBe('Led-nings-grupp');
    expect(soft('Medianvistelsetid')).toBe('Me-dian-vis-tel-se-tid');
    expect(soft('mnkr')).toBe('mnkr');
    expect(hyphenate('Sjukvårdsförvaltningen').replace(/\u00ad/g, '')).toBe('Sjukvårdsförvaltningen');
    // only the words that do not fit get hyphens
    expect(hyphenateLongWords('kort Sjukvårdsförvaltningen', (w) => w.length < 10)).toBe(
      `kort ${hyphenate('Sjukvårdsförvaltningen')}`,
    );
  });

  it('never breaks a word in a table cell without a hyphen at a syllable', async () => {
    const content = sampleReportContent();
    const long = 'Sjukvårdsförvaltningsorganisationsenheten';
    content.stale.push({ kind: 'measure', name: 'Vårdplatskoordinering', unitName: long, asOf: null });
    const plan = content.actionPlan as NonNullable<ReportContent['actionPlan']>;
    plan.rows.splice(1, 0, { ...(plan.rows[1] as (typeof plan.rows)[number]), measure: long });
    const file = writePdf(await renderPdf(content));
    const words = pdfText(file).split(/\s+/);
    // the long word is split into lines that end in a hyphen, at the hyphenation's break points
    const breaks = hyphenate(long)
      .split('\u00ad')
      .map((_, i, parts) => parts.slice(0, i + 1).join(''));
    const pieces = words.filter((word) => word.endsWith('-') && long.startsWith(word.slice(0, -1)));
    for (const piece of pieces) expect(breaks).toContain(piece.slice(0, -1));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    // every whole word of the column headers and names stays whole
    for (const word of ['Avvikelse,', 'Prognos,', 'Läkemedelsgenomgångar', 'Vårdplatskoordinering'])
      expect(words).toContain(word);
  }, 60_000);
});

describe('one table model for every format', () => {
  it('levels the action plan: each unit a group, its measures items under it, and a total', () => {
    const content = readyToSendContent();
    const model = actionPlanTable(content.actionPlan as NonNullable<ReportContent['actionPlan']>);
    const levels = model.rows.map((r) => r.level);
    expect(levels[0]).toBe('group');
    expect(levels.at(-1)).toBe('total');
    const names = model.rows.map((r) => r.cells[0]?.parts[0]?.text);
    const psychiatry = names.indexOf('Område Psykiatri');
    expect(names.indexOf('Heltidsresan')).toBeGreaterThan(psychiatry);
    expect(names.indexOf('Anti-VEGF')).toBeLessThan(names.indexOf('Område Nära vård'));
    expect(model.columns.map((c) => c.header)).toEqual([
      'Enhet / åtgärd',
      'Mål, mnkr',
      'Prognos, mnkr',
      'Avvikelse, mnkr',
      'Kommentar',
    ]);
  });
});

describe('renderReport', () => {
  it('gives each format its content type and extension', async () => {
    const content = sampleReportContent();
    const expected = {
      pdf: ['application/pdf', '%PDF'],
      docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK'],
      xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
    } as const;
    for (const format of REPORT_FORMATS) {
      const progress = recorder();
      const file = await renderReport(content, format, progress.onProgress);
      expect(file.contentType).toBe(expected[format][0]);
      expect(file.extension).toBe(format);
      expect(file.body.subarray(0, expected[format][1].length).toString('latin1')).toBe(expected[format][1]);
      expectProgress(progress.calls);
    }
  }, 60_000);

  it('renders content frozen with amounts as JSON numbers as it renders the same amounts as strings', async () => {
    const content = sampleReportContent();
    const plan = content.actionPlan as NonNullable<ReportContent['actionPlan']>;
    const toNumber = (v: string | null) => (v === null ? null : Number(v));
    // What an older version froze: whole kronor as numbers (safe integers), figures too.
    const old = {
      ...content,
      actionPlan: {
        ...plan,
        totals: Object.fromEntries(Object.entries(plan.totals).map(([k, v]) => [k, Number(v)])),
        rows: plan.rows.map((r) => ({
          ...r,
          targetKr: Number(r.targetKr),
          forecastKr: toNumber(r.forecastKr),
          deviationKr: toNumber(r.deviationKr),
        })),
      },
      deviations: content.deviations.map((d) =>
        d.kind === 'measure'
          ? { ...d, target: toNumber(d.target), value: toNumber(d.value), deviation: toNumber(d.deviation) }
          : d,
      ),
    } as unknown as ReportContent;
    expect(typeof (old.actionPlan as any).totals.targetKr).toBe('number');
    const text = async (c: ReportContent) =>
      plain((await mammoth.extractRawText({ buffer: (await renderReport(c, 'docx')).body })).value);
    const fromOld = await text(old);
    expect(fromOld).toContain('343,6 mnkr');
    expect(fromOld).toBe(await text(content));
    for (const format of ['pdf', 'xlsx'] as const)
      expect((await renderReport(old, format)).body.length).toBeGreaterThan(0);
  }, 60_000);
});
