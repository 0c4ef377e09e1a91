import type { IsoDate } from '../../domain/dates';
import { OrgIndex, UNIT_LEVEL_LABELS } from '../../domain/org';
import { neutraliseCell } from '../../domain/spreadsheet';
import type { Actor, Services } from '../core/context';
import { newWorkbook, writeXlsx } from '../core/workbook';
import { listUnits } from './service';
import { ORG_COLUMNS, ORG_SHEET } from './spreadsheet';

/** The organisation tree as an Excel workbook, parents before children. */
export async function exportOrg(services: Services, actor: Actor, asOf?: IsoDate): Promise<Buffer> {
  const units = await listUnits(services, actor, asOf);
  const byId = new Map(units.map((u) => [u.id, u]));
  const tree = new OrgIndex(units);
  const ordered = tree.roots().flatMap((r) => tree.subtree(r));

  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(ORG_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ORG_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const id of ordered) {
    const u = byId.get(id);
    if (!u) continue;
    const text = (v: string | null | undefined) => neutraliseCell(v ?? '');
    sheet.addRow({
      code: text(u.code),
      name: text(u.name),
      level: UNIT_LEVEL_LABELS[u.level],
      parentCode: text(u.parentId ? byId.get(u.parentId)?.code : ''),
      manager: text(u.managerName),
      validFrom: u.validFrom,
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ORG_COLUMNS.length } };
  return writeXlsx(workbook);
}
