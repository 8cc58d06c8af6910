// Live objects of a page, from a V8 heap snapshot taken over CDP. JSHeapUsedSize also
// counts garbage the collector has not swept and pages it keeps for reuse, so a slow
// rise there may be no leak; a snapshot counts only what is still reachable.

/** The page's reachable objects grouped by kind and constructor: Map of group -> { count, bytes }. */
export async function liveObjects(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const { snapshot, nodes, strings } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const kinds = snapshot.meta.node_types[fields.indexOf('type')];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const groups = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    // Strings are grouped as one: their text would make a group per value.
    const kind = kinds[nodes[i + type]];
    const key =
      kind === 'string' || kind === 'concatenated string'
        ? 'string'
        : `${kind}: ${strings[nodes[i + name]].slice(0, 50)}`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += nodes[i + size];
    groups.set(key, g);
  }
  return groups;
}

/** Total bytes of a liveObjects() result. */
export const totalBytes = (groups) => [...groups.values()].reduce((a, g) => a + g.bytes, 0);

/** The `top` groups that grew most in bytes from `before` to `after`, largest first. */
export function largestGrowth(before, after, top = 5) {
  const rows = [];
  for (const [key, g] of after) {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    if (g.bytes > b.bytes) rows.push({ key, count: g.count - b.count, bytes: g.bytes - b.bytes });
  }
  return rows.sort((x, y) => y.bytes - x.bytes).slice(0, top);
}
