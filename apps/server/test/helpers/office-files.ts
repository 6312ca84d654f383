import { deflateRawSync } from 'node:zlib';

/**
 * Real Office containers for the upload tests: a Compound File Binary writer (legacy .doc/.xls/.ppt,
 * MS-CFB version 3) and a zip writer (stored or deflated entries, as OOXML packages are).
 */

export interface CfbNode {
  name: string;
  /** Stream bytes; absent for a storage. */
  data?: Buffer;
  children?: CfbNode[];
}

const SECTOR = 512;
const MINI = 64;
const CUTOFF = 4096;
const END = 0xfffffffe;
const FREE = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

/** CFB sibling order: shorter names first, then by upper-case code units. */
const cfbOrder = (a: CfbNode, b: CfbNode) =>
  a.name.length - b.name.length || (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1);

/**
 * A compound file holding these storages and streams under the root. Streams under 4096 bytes go
 * to the mini stream, larger ones to regular sectors, as the format requires. With
 * `scatterDirectory` the directory's sectors are written last and in reverse order, so only a
 * reader that follows the FAT chain finds them.
 */
export function writeCfb(nodes: CfbNode[], opts: { scatterDirectory?: boolean } = {}): Buffer {
  // Directory entries: root first, then depth-first; siblings as a right-leaning chain in order.
  type Entry = {
    node: CfbNode;
    type: number;
    left: number;
    right: number;
    child: number;
    start: number;
    size: number;
  };
  const entries: Entry[] = [
    {
      node: { name: 'Root Entry' },
      type: 5,
      left: NOSTREAM,
      right: NOSTREAM,
      child: NOSTREAM,
      start: END,
      size: 0,
    },
  ];
  const addChildren = (parent: number, children: CfbNode[]) => {
    const sorted = [...children].sort(cfbOrder);
    let prev = -1;
    for (const c of sorted) {
      const idx = entries.length;
      entries.push({
        node: c,
        type: c.data ? 2 : 1,
        left: NOSTREAM,
        right: NOSTREAM,
        child: NOSTREAM,
        start: END,
        size: c.data?.length ?? 0,
      });
      if (prev < 0) entries[parent]!.child = idx;
      else entries[prev]!.right = idx;
      prev = idx;
      if (c.children) addChildren(idx, c.children);
    }
  };
  addChildren(0, nodes);

  // Mini stream: small streams in 64-byte mini sectors, chained in the mini FAT.
  const miniFat: number[] = [];
  const miniParts: Buffer[] = [];
  for (const e of entries) {
    if (e.type !== 2 || e.size === 0 || e.size >= CUTOFF) continue;
    const count = Math.ceil(e.size / MINI);
    e.start = miniFat.length;
    for (let i = 0; i < count; i++) miniFat.push(i === count - 1 ? END : miniFat.length + 1);
    const padded = Buffer.alloc(count * MINI);
    e.node.data!.copy(padded);
    miniParts.push(padded);
  }
  const miniStream = Buffer.concat(miniParts);

  // Chains of regular sectors: directory, mini FAT, mini stream container, large streams.
  const toSectors = (b: Buffer) => {
    const out: Buffer[] = [];
    for (let at = 0; at < b.length; at += SECTOR) {
      const s = Buffer.alloc(SECTOR);
      b.copy(s, 0, at, Math.min(b.length, at + SECTOR));
      out.push(s);
    }
    return out;
  };
  const dirBytes = Buffer.alloc(Math.ceil(entries.length / 4) * 4 * 128);
  const miniFatBytes = Buffer.alloc(Math.ceil((miniFat.length * 4) / SECTOR) * SECTOR, 0xff);
  miniFat.forEach((v, i) => miniFatBytes.writeUInt32LE(v, i * 4));
  const chains: { id: string; sectors: Buffer[] }[] = [
    { id: 'dir', sectors: [] }, // filled once start sectors are known
    { id: 'minifat', sectors: toSectors(miniFatBytes) },
    { id: 'ministream', sectors: toSectors(miniStream) },
    ...entries
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.type === 2 && e.size >= CUTOFF)
      .map(({ e, i }) => ({ id: `s${i}`, sectors: toSectors(e.node.data!) })),
  ];
  const dirCount = dirBytes.length / SECTOR;
  const other = chains.reduce((n, c) => n + c.sectors.length, 0) + dirCount;
  let fatCount = 1;
  while (Math.ceil((other + fatCount) / (SECTOR / 4)) > fatCount) fatCount++;

  // Sector numbers: FAT first, then each chain; the directory in order or scattered at the end.
  let next = fatCount;
  const numbers = new Map<string, number[]>();
  const place = (id: string, n: number) => {
    const ns = Array.from({ length: n }, () => next++);
    numbers.set(id, ns);
  };
  if (!opts.scatterDirectory) place('dir', dirCount);
  for (const c of chains.slice(1)) place(c.id, c.sectors.length);
  if (opts.scatterDirectory) {
    place('dir', dirCount);
    numbers.get('dir')!.reverse();
  }
  const first = (id: string) => numbers.get(id)?.[0] ?? END;
  entries[0]!.start = miniStream.length ? first('ministream') : END;
  entries[0]!.size = miniStream.length;
  entries.forEach((e, i) => {
    if (e.type === 2 && e.size >= CUTOFF) e.start = first(`s${i}`);
  });

  entries.forEach((e, i) => {
    const at = i * 128;
    const name = Buffer.from(`${e.node.name}\0`, 'utf16le');
    name.copy(dirBytes, at, 0, Math.min(64, name.length));
    dirBytes.writeUInt16LE(Math.min(64, name.length), at + 0x40);
    dirBytes[at + 0x42] = e.type;
    dirBytes[at + 0x43] = 1; // black
    dirBytes.writeUInt32LE(e.left, at + 0x44);
    dirBytes.writeUInt32LE(e.right, at + 0x48);
    dirBytes.writeUInt32LE(e.child, at + 0x4c);
    dirBytes.writeUInt32LE(e.start, at + 0x74);
    dirBytes.writeUInt32LE(e.size, at + 0x78);
  });
  for (let i = entries.length; i < dirBytes.length / 128; i++) {
    dirBytes.writeUInt32LE(NOSTREAM, i * 128 + 0x44);
    dirBytes.writeUInt32LE(NOSTREAM, i * 128 + 0x48);
    dirBytes.writeUInt32LE(NOSTREAM, i * 128 + 0x4c);
  }
  chains[0]!.sectors = toSectors(dirBytes);

  const total = next;
  const fat = Array<number>(fatCount * (SECTOR / 4)).fill(FREE);
  for (let i = 0; i < fatCount; i++) fat[i] = FATSECT;
  for (const ns of numbers.values()) ns.forEach((n, k) => (fat[n] = k === ns.length - 1 ? END : ns[k + 1]!));
  const sectors: Buffer[] = Array.from({ length: total }, () => Buffer.alloc(SECTOR));
  for (let i = 0; i < fatCount; i++)
    for (let k = 0; k < SECTOR / 4; k++) sectors[i]!.writeUInt32LE(fat[i * (SECTOR / 4) + k]!, k * 4);
  for (const c of chains) c.sectors.forEach((s, k) => (sectors[numbers.get(c.id)![k]!] = s));

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(fatCount, 0x2c);
  header.writeUInt32LE(first('dir'), 0x30);
  header.writeUInt32LE(CUTOFF, 0x38);
  header.writeUInt32LE(miniFat.length ? first('minifat') : END, 0x3c);
  header.writeUInt32LE(miniFatBytes.length / SECTOR, 0x40);
  header.writeUInt32LE(END, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i < fatCount ? i : FREE, 0x4c + i * 4);
  return Buffer.concat([header, ...sectors]);
}

/** A BIFF8 workbook stream: BOF, one BOUNDSHEET per sheet (type 0 worksheet, 1 Excel 4.0 macro sheet), EOF; padded. */
export function biffWorkbook(sheetTypes: readonly number[], padTo = 0): Buffer {
  const rec = (type: number, data: Buffer) => {
    const h = Buffer.alloc(4);
    h.writeUInt16LE(type, 0);
    h.writeUInt16LE(data.length, 2);
    return Buffer.concat([h, data]);
  };
  const bof = Buffer.alloc(16);
  bof.writeUInt16LE(0x0600, 0);
  bof.writeUInt16LE(0x0005, 2);
  const sheets = sheetTypes.map((t, i) => {
    const name = Buffer.from(`Sheet${i + 1}`, 'latin1');
    const d = Buffer.alloc(8 + name.length);
    d[5] = t;
    d[6] = name.length;
    name.copy(d, 8);
    return rec(0x0085, d);
  });
  const body = Buffer.concat([rec(0x0809, bof), ...sheets, rec(0x000a, Buffer.alloc(0))]);
  return padTo > body.length ? Buffer.concat([body, Buffer.alloc(padTo - body.length)]) : body;
}

/** A PowerPoint document stream: a DocumentContainer, optionally holding a VBAInfo container. */
export function pptDocument(withVba: boolean): Buffer {
  const rec = (ver: number, type: number, data: Buffer) => {
    const h = Buffer.alloc(8);
    h.writeUInt16LE(ver, 0);
    h.writeUInt16LE(type, 2);
    h.writeUInt32LE(data.length, 4);
    return Buffer.concat([h, data]);
  };
  const atom = rec(0x1, 0x03e9, Buffer.alloc(40)); // DocumentAtom
  const list = rec(
    0xf,
    0x07d0,
    withVba ? rec(0xf, 0x03ff, rec(0x2, 0x0400, Buffer.alloc(12))) : Buffer.alloc(0),
  );
  return rec(0xf, 0x03e8, Buffer.concat([atom, list]));
}

/** A zip archive of these entries (deflated unless `stored`); central directory and end record as usual. */
export function zipOf(entries: Record<string, string | Buffer>, opts: { stored?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = opts.stored ? data : deflateRawSync(data);
    const method = opts.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
