import ExcelJS from 'exceljs';
import { VALUE_COLUMNS, VALUES_SHEET } from '../server/steering/values-workbook';

/** A values workbook as a controller would upload it, one row per value. */
export async function valuesWorkbook(
  rows: { indicator: string; unit: string; period: string; value: string }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(VALUES_SHEET);
  sheet.columns = VALUE_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
  for (const r of rows)
    sheet.addRow({ indicator: r.indicator, unit: r.unit, period: r.period, kind: 'Utfall', value: Number(r.value) });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * 10 000 values of the generated region's last month, replacing what is there: the first
 * thousand leaves' ten summed indicators each, chosen as `generateSteering` chose them.
 */
export function stallImportRows(
  region: { units: { id: string; parentId: string | null; code: string }[] },
  sumCodes: readonly string[],
  period: string,
  round: number,
) {
  const parents = new Set(region.units.map((u) => u.parentId));
  const leaves = region.units.filter((u) => !parents.has(u.id));
  const rows: { indicator: string; unit: string; period: string; value: string }[] = [];
  for (let n = 0; n < 1000 && n < leaves.length; n++)
    for (let k = 0; k < 10; k++)
      rows.push({
        indicator: sumCodes[(n * 7 + k) % sumCodes.length] as string,
        unit: (leaves[n] as { code: string }).code,
        period,
        value: String(1000 + round * 10 + k),
      });
  return rows;
}

/**
 * Latencies of `probe` while `job` runs, as independent users would see them: a probe arrives
 * every `everyMs` whether or not the last has answered, and each is timed from when it was due.
 * The embedded database runs on this thread, so while it works no timer fires; timing from
 * the due time (not from when the event loop got round to sending it) counts that wait too.
 */
export async function latenciesDuring(
  job: () => Promise<unknown>,
  probe: () => Promise<unknown>,
  everyMs = 50,
): Promise<{ samples: number[]; jobMs: number }> {
  const clock = () => Number(process.hrtime.bigint()) / 1e6;
  const samples: Promise<number>[] = [];
  let done = false;
  const started = clock();
  const running = job().finally(() => {
    done = true;
  });
  const timed = async (due: number) => {
    await probe();
    return clock() - due;
  };
  let due = started;
  while (!done) {
    for (const now = clock(); due <= now; due += everyMs) samples.push(timed(due));
    await Promise.race([running, new Promise((resolve) => setTimeout(resolve, Math.max(0, due - clock())))]);
  }
  await running;
  const jobMs = clock() - started;
  // Probes due after the job ended waited for nothing but themselves; they are not counted.
  for (const now = started + jobMs; due <= now; due += everyMs) samples.push(timed(due));
  return { samples: await Promise.all(samples), jobMs };
}
