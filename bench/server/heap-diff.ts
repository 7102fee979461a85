import { readFileSync } from 'node:fs';

// What each connection keeps: two heap snapshots of the server child (BENCH_HEAP_SNAPSHOT, at
// two numbers of held connections) grouped by node type and name (constructor, closure name,
// `(array)`, …), the difference divided by the difference in connections.
//
//   npx tsx bench/server/heap-diff.ts <smaller>.heapsnapshot <larger>.heapsnapshot <Δconnections>
//
// Prints the groups that grew by at least 0.05 per connection, largest bytes first.

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

interface Group {
  count: number;
  bytes: number;
}

function groups(file: string): Map<string, Group> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = heap.snapshot.meta.node_types[0];
  const out = new Map<string, Group>();
  for (let i = 0; i < heap.nodes.length; i += width) {
    const type = types[heap.nodes[i + typeAt]!]!;
    const raw = heap.strings[heap.nodes[i + nameAt]!]!;
    // Strings and numbers by type only: their names are their values.
    const name =
      type === 'string' || type === 'number' || type === 'concatenated string'
        ? ''
        : raw.slice(0, 60);
    const key = `${type} ${name}`;
    const group = out.get(key) ?? { count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += heap.nodes[i + sizeAt]!;
    out.set(key, group);
  }
  return out;
}

const [smallFile, largeFile, deltaText] = process.argv.slice(2);
if (!smallFile || !largeFile || !deltaText) {
  console.error('usage: heap-diff.ts <small.heapsnapshot> <large.heapsnapshot> <Δconnections>');
  process.exit(2);
}
const delta = Number(deltaText);
const small = groups(smallFile);
const large = groups(largeFile);
const rows: [string, number, number][] = [];
let total = 0;
for (const [key, group] of large) {
  const before = small.get(key) ?? { count: 0, bytes: 0 };
  const count = (group.count - before.count) / delta;
  const bytes = (group.bytes - before.bytes) / delta;
  total += bytes;
  if (Math.abs(count) >= 0.05 || Math.abs(bytes) >= 4) rows.push([key, count, bytes]);
}
rows.sort((a, b) => b[2] - a[2]);
for (const [key, count, bytes] of rows)
  console.log(`${bytes.toFixed(1).padStart(9)} B ${count.toFixed(2).padStart(7)}×  ${key}`);
console.log(`${total.toFixed(1).padStart(9)} B in all per connection`);
