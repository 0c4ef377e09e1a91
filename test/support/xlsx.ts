import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hand-built .xlsx files for the upload-limit tests: a zip writer small enough to trust, and a
 * zip bomb whose sheet inflates to gigabytes without the test ever holding it unpacked.
 */
export interface ZipPart {
  name: string;
  deflated: Buffer;
  /** The size the zip's headers claim; a bomb may lie. */
  size: number;
  crc: number;
}

export const part = (name: string, content: string | Buffer): ZipPart => {
  const data = Buffer.from(content);
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/**
 * A part whose text is `head`, then `filler` `times` over, then `tail`. Each piece is deflated
 * on its own and ended with a full flush, so the compressed filler can be repeated as is: the
 * pieces join into one valid deflate stream while only one compressed filler is ever made.
 */
export function bombPart(
  name: string,
  pieces: { head: string; filler: string; times: number; tail: string },
  claimedSize?: number,
): ZipPart {
  const flushed = (s: string) => deflateRawSync(Buffer.from(s), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const filler = flushed(pieces.filler);
  const deflated = Buffer.concat([
    flushed(pieces.head),
    ...Array.from({ length: pieces.times }, () => filler),
    deflateRawSync(Buffer.from(pieces.tail)),
  ]);
  const size =
    Buffer.byteLength(pieces.head) + Buffer.byteLength(pieces.filler) * pieces.times + Buffer.byteLength(pieces.tail);
  // The true CRC would need the whole text; readers that check it fail only after inflating it all.
  return { name, deflated, size: claimedSize ?? Math.min(size, 0xffffffff), crc: 0 };
}

/** A zip of the parts, deflated, with a central directory. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A row of inline-text cells from column A, e.g. a header row. */
export const textRow = (row: number, texts: string[]) =>
  `<row r="${row}">${texts
    .map((t, i) => `<c r="${String.fromCharCode(65 + i)}${row}" t="inlineStr"><is><t>${t}</t></is></c>`)
    .join('')}</row>`;

/** A minimal workbook of one sheet named `sheetName` whose part is `sheet`, with shared texts if given. */
export function xlsx(sheetName: string, sheet: ZipPart | string, sharedStrings?: string[]): Buffer {
  const rels = [`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`];
  if (sharedStrings) rels.push(`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  const parts = [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        (sharedStrings
          ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          : '') +
        '</Types>',
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">${rels.join('')}</Relationships>`,
    ),
    ...(sharedStrings
      ? [
          part(
            'xl/sharedStrings.xml',
            `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings
              .map((s) => `<si><t>${s}</t></si>`)
              .join('')}</sst>`,
          ),
        ]
      : []),
    typeof sheet === 'string' ? part('xl/worksheets/sheet1.xml', sheet) : sheet,
  ];
  return zip(parts);
}
