import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { DomainError } from '../../domain/errors';
import { FORMULA_START, neutraliseCell } from '../../domain/spreadsheet';

/**
 * How much of an uploaded workbook is read before it is refused. A 20 MB .xlsx can unpack to
 * gigabytes (a zip bomb), so every limit is enforced while the file is being read, never after.
 */
export interface WorkbookLimits {
  /** Parts (files) in the zip. */
  maxEntries: number;
  /** Bytes actually inflated, over all parts read — counted, not taken from the zip's headers. */
  maxUnpackedBytes: number;
  /** Rows in the sheet read. */
  maxRows: number;
  /** Highest column a cell may be in, and most cells a row may hold. */
  maxColumns: number;
  /** Characters in one cell (Excel's own limit is 32 767). */
  maxCellChars: number;
  maxSharedStrings: number;
}

/** Generous for a region's yearly import (hundreds of thousands of rows), small enough to read in bounded memory. */
export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxEntries: 1_000,
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 100,
  maxCellChars: 32_767,
  maxSharedStrings: 1_000_000,
};

/** The rules of every import, for the OpenAPI document. */
export const IMPORT_LIMITS_DESCRIPTION =
  'Behörigheten prövas innan filen läses. Filen läses med gränser, som standard högst ' +
  `${DEFAULT_WORKBOOK_LIMITS.maxUnpackedBytes / (1024 * 1024)} MB uppackad, ` +
  `${DEFAULT_WORKBOOK_LIMITS.maxRows.toLocaleString('sv-SE')} rader, ${DEFAULT_WORKBOOK_LIMITS.maxColumns} kolumner, ` +
  `${DEFAULT_WORKBOOK_LIMITS.maxCellChars.toLocaleString('sv-SE')} tecken i en cell och ` +
  `${DEFAULT_WORKBOOK_LIMITS.maxSharedStrings.toLocaleString('sv-SE')} olika texter: en fil som packas upp till mer ` +
  'avvisas med 413, en med för många rader eller kolumner eller för lång cell med 422 som anger blad, rad och kolumn.';

/** A cell as the imports see it: text, number, truth value or date (formulas by their cached result). */
export type CellValue = string | number | boolean | Date | null;

/** One row of a sheet as read; columns count from 1 as in Excel. */
export class SheetRow {
  constructor(
    readonly number: number,
    private readonly cells: CellValue[],
  ) {}
  cell(column: number): CellValue {
    return this.cells[column - 1] ?? null;
  }
  /** Every cell with a value, with its column. */
  *entries(): Generator<[number, CellValue]> {
    for (const [i, value] of this.cells.entries()) if (value !== undefined && value !== null) yield [i + 1, value];
  }
}

/** A cell's value as trimmed text: rich text joined, formulas by their result, dates as ÅÅÅÅ-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  // Our exports prefix would-be formulas with an apostrophe; take it off on the way back in.
  const text = String(value);
  return (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text).trim();
}

/**
 * A new, empty workbook. exceljs is loaded on the first export, not at start: it is the
 * largest library the server uses, and most processes never write a workbook.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Röd tråd';
  return workbook;
}

/**
 * Writes a workbook as .xlsx after neutralising every text cell of every sheet, so no export
 * can carry a formula however its text was built (indented, prefixed, joined).
 */
export async function writeXlsx(workbook: ExcelJS.Workbook): Promise<Buffer> {
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string') cell.value = neutraliseCell(v);
        else if (v && typeof v === 'object' && 'richText' in v && v.richText.length > 0) {
          const joined = v.richText.map((r) => r.text).join('');
          if (neutraliseCell(joined) !== joined) {
            const [first, ...rest] = v.richText;
            cell.value = { richText: [{ ...first, text: `'${first?.text ?? ''}` }, ...rest] };
          }
        } else if (v && typeof v === 'object' && 'hyperlink' in v && typeof v.text === 'string')
          cell.value = { ...v, text: neutraliseCell(v.text) };
      }),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Thrown inside a write to roll a trial run back after every check has passed. */
export class DryRun extends Error {}

/** A bad cell of an imported sheet. */
export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

/** How many of a file's problems an answer lists: enough to fix a file, never a huge answer. */
export const LISTED_PROBLEMS = 1000;

/** 422 for an import with problems, listing them in row order (the first LISTED_PROBLEMS). */
export function importFailure(problems: readonly ImportProblem[]): DomainError {
  const listed = [...problems].sort((a, b) => a.row - b.row).slice(0, LISTED_PROBLEMS);
  const shown = problems.length > listed.length ? ` De första ${listed.length} visas.` : '';
  return new DomainError('unprocessable', `Filen har ${problems.length} fel. Inget har importerats.${shown}`, {
    fields: listed.map((p) => ({ field: `rad ${p.row}, ${p.column}`, message: p.message })),
    details: { problems: listed },
  });
}

const notXlsx = () => new DomainError('bad_request', 'Filen går inte att läsa som en Excel-arbetsbok (.xlsx).');
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const count = (n: number) => n.toLocaleString('sv-SE');
const tooLarge = (limits: WorkbookLimits, why: string) =>
  new DomainError(
    'payload_too_large',
    `Arbetsboken packas upp till mer än ${megabytes(limits.maxUnpackedBytes)}. Dela upp den i flera filer.`,
    { fields: [{ field: '(body)', message: why }] },
  );
const unreadable = (field: string, message: string) =>
  new DomainError('unprocessable', `Arbetsboken kan inte läsas in: ${field}: ${message}.`, {
    fields: [{ field, message }],
    details: { problems: [{ row: 0, column: field, message }] },
  });

/** Column number from letters: A = 1, Z = 26, AA = 27. */
const columnFromLetters = (letters: string) =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Counts inflated bytes over every part read; refuses the file the moment the sum passes the limit. */
class Budget {
  private used = 0;
  constructor(private readonly limits: WorkbookLimits) {}
  take(bytes: number) {
    this.used += bytes;
    if (this.used > this.limits.maxUnpackedBytes)
      throw tooLarge(this.limits, `packas upp till mer än ${megabytes(this.limits.maxUnpackedBytes)}`);
  }
}

async function openZip(data: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(notXlsx()) : resolve(zip),
    ),
  );
}

/** The zip's directory (names and declared sizes only; nothing is inflated). */
async function zipEntries(zip: yauzl.ZipFile, limits: WorkbookLimits): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > limits.maxEntries)
    throw unreadable('(body)', `zip-filen har ${count(zip.entryCount)} delar, högst ${count(limits.maxEntries)} läses`);
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(notXlsx()));
    zip.readEntry();
  });
}

/** A part's text, inflated chunk by chunk under the budget; the stream stops as soon as the reader does. */
async function* partText(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: Budget,
  limits: WorkbookLimits,
): AsyncGenerator<string> {
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(notXlsx()) : resolve(s))),
  );
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.take(chunk.length);
      yield decoder.write(chunk);
    }
    yield decoder.end();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // yauzl stops a part that inflates to more than its header says: a bomb's usual lie.
    if (err instanceof Error && /too many bytes/.test(err.message))
      throw tooLarge(limits, 'packas upp till mer än filen själv uppger');
    throw notXlsx();
  } finally {
    stream.destroy();
  }
}

interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
  /** The error when the parser has read too far without an element or text ending. */
  tooLong(): DomainError;
}

/**
 * Feeds a part to a SAX parser. The parser keeps a text or tag in memory until it ends, so a
 * part that goes on too long without one ending is refused; yields after every chunk.
 */
async function* parseXml(source: AsyncIterable<string>, handlers: XmlHandlers, maxGap: number): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: true });
  let lastEvent = 0;
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    lastEvent = parser.position;
    handlers.open(local(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('text', (text) => {
    lastEvent = parser.position;
    handlers.text(text);
  });
  parser.on('cdata', (text) => {
    lastEvent = parser.position;
    handlers.text(text);
  });
  parser.on('closetag', (tag) => {
    lastEvent = parser.position;
    handlers.close(local(tag.name));
  });
  let failed: Error | null = null;
  parser.on('error', (err) => {
    failed ??= err;
  });
  for await (const chunk of source) {
    parser.write(chunk);
    if (failed) throw notXlsx();
    if (parser.position - lastEvent > maxGap) throw handlers.tooLong();
    yield;
  }
  parser.close();
  if (failed) throw notXlsx();
}

async function drain(gen: AsyncGenerator<unknown>) {
  for await (const _ of gen);
}

/** Relationships of a part: id → { target path, type }. */
async function readRels(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  partPath: string,
  budget: Budget,
  limits: WorkbookLimits,
): Promise<Map<string, { target: string; type: string }>> {
  const relsPath = posix.join(posix.dirname(partPath), '_rels', `${posix.basename(partPath)}.rels`);
  const entry = entries.get(relsPath);
  const rels = new Map<string, { target: string; type: string }>();
  if (!entry) return rels;
  const base = posix.dirname(partPath);
  await drain(
    parseXml(
      partText(zip, entry, budget, limits),
      {
        open(name, a) {
          if (name !== 'Relationship' || !a.Id || !a.Target) return;
          const target = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(posix.join(base, a.Target));
          rels.set(a.Id, { target, type: a.Type ?? '' });
        },
        text() {},
        close() {},
        tooLong: () => unreadable(relsPath, 'oväntat långt innehåll'),
      },
      limits.maxCellChars,
    ),
  );
  return rels;
}

// Built-in number formats that show dates or times (ECMA-376 18.8.30, and the East Asian ones).
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
/** A custom format is a date format if it has date or time letters outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Which cell styles (by index) show their number as a date. */
async function readDateStyles(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: Budget,
  limits: WorkbookLimits,
): Promise<boolean[]> {
  const customDate = new Map<number, boolean>();
  const styles: number[] = [];
  let inCellXfs = false;
  await drain(
    parseXml(
      partText(zip, entry, budget, limits),
      {
        open(name, a) {
          if (name === 'numFmt') customDate.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
          else if (name === 'cellXfs') inCellXfs = true;
          else if (name === 'xf' && inCellXfs) styles.push(Number(a.numFmtId ?? 0));
        },
        text() {},
        close(name) {
          if (name === 'cellXfs') inCellXfs = false;
        },
        tooLong: () => unreadable(entry.fileName, 'oväntat långt innehåll'),
      },
      limits.maxCellChars,
    ),
  );
  return styles.map((id) => customDate.get(id) ?? BUILT_IN_DATE_FORMATS.has(id));
}

/** Stands for a shared text longer than a cell may hold; the cell that uses it is named in the error. */
const TOO_LONG = Symbol('too long');
type SharedString = string | typeof TOO_LONG;

async function readSharedStrings(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: Budget,
  limits: WorkbookLimits,
): Promise<SharedString[]> {
  const strings: SharedString[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  const tooMany = () =>
    unreadable(entry.fileName, `fler än ${count(limits.maxSharedStrings)} olika texter (högst så många läses)`);
  await drain(
    parseXml(
      partText(zip, entry, budget, limits),
      {
        open(name) {
          if (name === 'si') current = '';
          else if (name === 'rPh') inPhonetic = true;
          else if (name === 't' && !inPhonetic) inText = true;
        },
        text(t) {
          // Past the limit the text is refused anyway; keeping the rest would only cost memory.
          if (inText && current !== null && current.length <= limits.maxCellChars) current += t;
        },
        close(name) {
          if (name === 't') inText = false;
          else if (name === 'rPh') inPhonetic = false;
          else if (name === 'si' && current !== null) {
            if (strings.length >= limits.maxSharedStrings) throw tooMany();
            strings.push(current.length > limits.maxCellChars ? TOO_LONG : current);
            current = null;
          }
        },
        tooLong: () => unreadable(entry.fileName, `en text är längre än ${count(limits.maxCellChars)} tecken`),
      },
      // An escaped character takes up to ten characters of XML.
      limits.maxCellChars * 10 + 4096,
    ),
  );
  return strings;
}

const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/**
 * Reads one sheet of an .xlsx row by row in bounded memory: the sheet named `sheet`, else the
 * first. Refuses with 400 what is no workbook, 413 what unpacks too large and 422 (naming the
 * sheet, row and column) a sheet with too many rows or columns or a cell too long.
 */
export async function* readSheetRows(
  data: Buffer | ArrayBuffer | Uint8Array,
  options: { sheet?: string; limits?: Partial<WorkbookLimits> } = {},
): AsyncGenerator<SheetRow> {
  const limits = { ...DEFAULT_WORKBOOK_LIMITS, ...options.limits };
  const buffer = Buffer.isBuffer(data)
    ? data
    : data instanceof Uint8Array
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);
  const zip = await openZip(buffer);
  try {
    const entries = await zipEntries(zip, limits);
    const budget = new Budget(limits);
    const part = (path: string | undefined) => (path === undefined ? undefined : entries.get(path));

    const rootRels = await readRels(zip, entries, '', budget, limits);
    const workbookPath =
      [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbookEntry = part(workbookPath);
    if (!workbookEntry) throw notXlsx();
    const sheets: { name: string; rid: string }[] = [];
    let date1904 = false;
    await drain(
      parseXml(
        partText(zip, workbookEntry, budget, limits),
        {
          open(name, a) {
            if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
            if (name !== 'sheet') return;
            const rid = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
            if (rid && sheets.length < limits.maxEntries) sheets.push({ name: a.name ?? '', rid });
          },
          text() {},
          close() {},
          tooLong: () => unreadable(workbookPath, 'oväntat långt innehåll'),
        },
        limits.maxCellChars,
      ),
    );
    const rels = await readRels(zip, entries, workbookPath, budget, limits);
    const chosen = sheets.find((s) => s.name === options.sheet) ?? sheets[0];
    if (!chosen) throw new DomainError('bad_request', 'Arbetsboken har inget blad.');
    const sheetEntry = part(rels.get(chosen.rid)?.target);
    if (!sheetEntry) throw notXlsx();
    const relOfType = (type: string) => part([...rels.values()].find((r) => r.type.endsWith(type))?.target);
    const stringsEntry = relOfType('/sharedStrings');
    const stylesEntry = relOfType('/styles');

    // Refuse at once what says it is too large; what lies about its size is stopped while inflating.
    const declared = [sheetEntry, stringsEntry, stylesEntry].reduce((n, e) => n + (e?.uncompressedSize ?? 0), 0);
    if (declared > limits.maxUnpackedBytes)
      throw tooLarge(
        limits,
        `packas upp till ${megabytes(declared)}, högst ${megabytes(limits.maxUnpackedBytes)} läses`,
      );

    const strings = stringsEntry ? await readSharedStrings(zip, stringsEntry, budget, limits) : [];
    const dateStyles = stylesEntry ? await readDateStyles(zip, stylesEntry, budget, limits) : [];
    yield* sheetRows(partText(zip, sheetEntry, budget, limits), chosen.name, strings, dateStyles, date1904, limits);
  } finally {
    zip.close();
  }
}

async function* sheetRows(
  source: AsyncIterable<string>,
  sheetName: string,
  strings: SharedString[],
  dateStyles: boolean[],
  date1904: boolean,
  limits: WorkbookLimits,
): AsyncGenerator<SheetRow> {
  const ready: SheetRow[] = [];
  let rows = 0;
  let rowNumber = 0;
  let cells: CellValue[] | null = null;
  let cellsInRow = 0;
  let column = 0;
  let cell: { type: string; style: number; value: string | null; inline: string | null } | null = null;
  let collect: 'value' | 'inline' | null = null;
  let inPhonetic = false;
  const place = (col = column) => `blad ${sheetName}, rad ${rowNumber}, kolumn ${columnLetters(col)}`;
  const refuse = (field: string, message: string) =>
    new DomainError('unprocessable', `Arbetsboken kan inte läsas in: ${field}: ${message}.`, {
      fields: [{ field, message }],
      details: { problems: [{ row: rowNumber, column: field, message }] },
    });
  const cellTooLong = () => refuse(place(), `cellen har mer än ${count(limits.maxCellChars)} tecken`);
  const append = (current: string | null, text: string) => {
    const next = (current ?? '') + text;
    if (next.length > limits.maxCellChars) throw cellTooLong();
    return next;
  };
  const cellValueOf = (c: NonNullable<typeof cell>): CellValue => {
    const v = c.value;
    switch (c.type) {
      case 's': {
        const s = v === null ? undefined : strings[Number(v)];
        if (s === TOO_LONG) throw cellTooLong();
        return s ?? '';
      }
      case 'inlineStr':
        return c.inline ?? v ?? '';
      case 'str':
        return v ?? '';
      case 'b':
        return v === null ? null : v === '1' || v === 'true';
      case 'e':
        return null;
      case 'd': {
        const d = v === null ? null : new Date(v);
        return d && !Number.isNaN(d.getTime()) ? d : v;
      }
      default: {
        if (v === null || v.trim() === '') return null;
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        return dateStyles[c.style] ? excelDate(n, date1904) : n;
      }
    }
  };

  const handlers: XmlHandlers = {
    open(name, a) {
      if (name === 'row') {
        rows += 1;
        const r = Number(a.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        if (rows > limits.maxRows)
          throw refuse(
            `blad ${sheetName}, rad ${rowNumber}`,
            `bladet har fler än ${count(limits.maxRows)} rader (högst så många läses på en gång)`,
          );
        cells = [];
        cellsInRow = 0;
        column = 0;
      } else if (name === 'c' && cells) {
        const ref = /^([A-Za-z]{1,3})\d*$/.exec(a.r ?? '');
        column = ref?.[1] ? columnFromLetters(ref[1]) : column + 1;
        cellsInRow += 1;
        if (column > limits.maxColumns || cellsInRow > limits.maxColumns)
          throw refuse(
            place(),
            `raden har celler efter kolumn ${columnLetters(limits.maxColumns)} (högst ${limits.maxColumns} kolumner läses)`,
          );
        cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), value: null, inline: null };
      } else if (cell) {
        if (name === 'v') collect = 'value';
        else if (name === 'rPh') inPhonetic = true;
        else if (name === 't' && !inPhonetic) collect = 'inline';
      }
    },
    text(text) {
      if (!cell || collect === null) return;
      if (collect === 'value') cell.value = append(cell.value, text);
      else cell.inline = append(cell.inline, text);
    },
    close(name) {
      if (name === 'v' || name === 't') collect = null;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c' && cell && cells) {
        cells[column - 1] = cellValueOf(cell);
        cell = null;
      } else if (name === 'row' && cells) {
        ready.push(new SheetRow(rowNumber, cells));
        cells = null;
      }
    },
    tooLong: () => (cell ? cellTooLong() : refuse(`blad ${sheetName}, rad ${rowNumber}`, 'oväntat långt innehåll')),
  };
  for await (const _ of parseXml(source, handlers, limits.maxCellChars * 10 + 4096)) {
    yield* ready;
    ready.length = 0;
  }
  yield* ready;
}
