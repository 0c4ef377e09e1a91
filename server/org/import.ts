import { type IsoDate, isIsoDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { levelFromText, type UnitLevel } from '../../domain/org';
import type { Actor, Services } from '../core/context';
import { cellText, DryRun, readSheetRows, type SheetRow, type WorkbookLimits } from '../core/workbook';
import { write } from '../core/write';
import { unitsOn } from './queries';
import { createUnitIn, updateUnitIn } from './service';
import { ORG_COLUMNS, ORG_SHEET, type OrgColumnKey } from './spreadsheet';

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

interface OrgRow {
  row: number;
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  manager: string | null;
  validFrom: IsoDate | null;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

const header = (key: OrgColumnKey) => ORG_COLUMNS.find((c) => c.key === key)?.header as string;

/** Where a row says it belongs, kept for every row so a bad row's parent is checked too. */
interface Link {
  row: number;
  code: string;
  parentCode: string | null;
}

/** Reads the sheet and checks each row on its own; every problem is reported, none skipped. */
export async function parseOrgWorkbook(
  data: Buffer | ArrayBuffer,
  limits?: Partial<WorkbookLimits>,
): Promise<{ rows: OrgRow[]; links: Link[]; problems: ImportProblem[] }> {
  const columnOf = new Map<OrgColumnKey, number>();
  const problems: ImportProblem[] = [];
  const rows: OrgRow[] = [];
  const links: Link[] = [];
  const firstRowOf = new Map<string, number>();
  let headerRead = false;
  const readHeader = (first: SheetRow | null) => {
    headerRead = true;
    if (first?.number === 1)
      for (const [col, value] of first.entries()) {
        const found = ORG_COLUMNS.find((c) => c.header.toLowerCase() === cellText(value).toLowerCase());
        if (found) columnOf.set(found.key, col);
      }
    for (const key of ['code', 'name', 'level', 'parentCode'] as const)
      if (!columnOf.has(key)) problems.push({ row: 1, column: header(key), message: 'kolumnen saknas' });
  };
  for await (const r of readSheetRows(data, { sheet: ORG_SHEET, limits })) {
    const rowNumber = r.number;
    if (!headerRead) {
      readHeader(r);
      if (problems.length > 0) return { rows: [], links: [], problems };
      if (rowNumber === 1) continue;
    }
    const get = (key: OrgColumnKey) => {
      const col = columnOf.get(key);
      return col === undefined ? '' : cellText(r.cell(col));
    };
    const values = ORG_COLUMNS.map((c) => get(c.key));
    if (values.every((v) => v === '')) continue;
    const bad = (key: OrgColumnKey, message: string) => problems.push({ row: rowNumber, column: header(key), message });
    const code = get('code');
    const name = get('name');
    const levelText = get('level');
    const level = levelFromText(levelText);
    const validFrom = get('validFrom');
    if (!code) bad('code', 'saknas');
    else if (firstRowOf.has(code)) bad('code', `${code} finns redan på rad ${firstRowOf.get(code)}`);
    else firstRowOf.set(code, rowNumber);
    if (!name) bad('name', 'saknas');
    else if (name.length > 200) bad('name', 'är längre än 200 tecken');
    if (!level) bad('level', levelText ? `okänd nivå "${levelText}"` : 'saknas');
    if (validFrom && !isIsoDate(validFrom)) bad('validFrom', `"${validFrom}" är inget datum ÅÅÅÅ-MM-DD`);
    links.push({ row: rowNumber, code, parentCode: get('parentCode') || null });
    if (code && name && level && (!validFrom || isIsoDate(validFrom)))
      rows.push({
        row: rowNumber,
        code,
        name,
        level,
        parentCode: get('parentCode') || null,
        manager: get('manager') || null,
        validFrom: validFrom || null,
      });
  }
  if (!headerRead) {
    readHeader(null);
    return { rows: [], links: [], problems };
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: 2, column: header('code'), message: 'bladet har inga rader' });
  return { rows, links, problems };
}

/**
 * Creates and changes units from a sheet, matched by cost-centre code, in one transaction:
 * if any row is bad, every problem is reported and nothing is written. Units missing from the
 * sheet are left as they are. Changes hold from `effectiveFrom`.
 */
export async function importOrg(
  services: Services,
  actor: Actor,
  data: Buffer | ArrayBuffer,
  options: { effectiveFrom: IsoDate; dryRun?: boolean },
): Promise<ImportSummary> {
  const { rows, links, problems } = await parseOrgWorkbook(data);
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, dryRun: options.dryRun ?? false };
  try {
    await write(services, actor, async (w) => {
      const existing = await unitsOn(w.trx, options.effectiveFrom);
      const byCode = new Map(existing.filter((u) => u.code).map((u) => [u.code as string, u]));
      const codeOf = new Map(existing.map((u) => [u.id, u.code]));
      const inFile = new Map(links.filter((l) => l.code).map((l) => [l.code, l]));
      const parentCodeOf = (code: string): string | null => {
        const r = inFile.get(code);
        if (r) return r.parentCode;
        const u = byCode.get(code);
        return u?.parentId ? (codeOf.get(u.parentId) ?? null) : null;
      };
      for (const r of links) {
        const bad = (message: string) => problems.push({ row: r.row, column: header('parentCode'), message });
        if (r.parentCode === null) {
          const current = byCode.get(r.code);
          if (existing.length > 0 && !(current && current.parentId === null))
            bad('saknas (bara organisationens topp saknar överordnad)');
          continue;
        }
        if (r.parentCode === r.code) {
          bad('är enhetens egen kod');
          continue;
        }
        if (!inFile.has(r.parentCode) && !byCode.has(r.parentCode)) {
          bad(`okänd kod ${r.parentCode}`);
          continue;
        }
        if (!r.code) continue;
        const seen = new Set([r.code]);
        for (let c: string | null = r.parentCode; c !== null; c = parentCodeOf(c)) {
          if (seen.has(c)) {
            bad(`ger en cirkel i trädet (${[...seen, c].join(' → ')})`);
            break;
          }
          seen.add(c);
        }
      }
      if (problems.length > 0) {
        problems.sort((a, b) => a.row - b.row);
        throw new DomainError('unprocessable', `Filen har ${problems.length} fel. Inget har importerats.`, {
          fields: problems.map((p) => ({ field: `rad ${p.row}, ${p.column}`, message: p.message })),
          details: { problems },
        });
      }

      // Parents before children, so each row's parent exists when the row is written.
      const idOf = new Map([...byCode].map(([code, u]) => [code, u.id]));
      const pending = [...rows];
      while (pending.length > 0) {
        const ready = pending.findIndex((r) => r.parentCode === null || idOf.has(r.parentCode));
        const r = pending.splice(ready === -1 ? 0 : ready, 1)[0] as OrgRow;
        const parentId = r.parentCode === null ? null : (idOf.get(r.parentCode) as string);
        const current = byCode.get(r.code);
        if (!current) {
          const created = await createUnitIn(services, w, {
            parentId,
            name: r.name,
            level: r.level,
            code: r.code,
            managerName: r.manager,
            validFrom: r.validFrom ?? options.effectiveFrom,
          });
          idOf.set(r.code, created.id);
          summary.created++;
          continue;
        }
        const changed =
          current.name !== r.name ||
          current.level !== r.level ||
          current.parentId !== parentId ||
          (current.managerName ?? null) !== r.manager;
        if (!changed) {
          summary.unchanged++;
          continue;
        }
        const version = (
          await w.trx.selectFrom('org_units').select('version').where('id', '=', current.id).executeTakeFirstOrThrow()
        ).version;
        await updateUnitIn(services, w, current.id, {
          version,
          effectiveFrom: options.effectiveFrom,
          name: r.name,
          level: r.level,
          parentId,
          managerName: r.manager,
        });
        summary.updated++;
      }
      if (options.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return summary;
}
