/**
 * Indices of the `k` largest values, largest first (ties: lower index first). Partial selection with
 * a size-k min-heap: O(n log k), so a 128k vocabulary costs one pass, not a sort.
 */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const size = Math.min(k, values.length);
  if (size <= 0) return [];
  const heap = new Int32Array(size);
  let count = 0;
  // "a is smaller than b": the heap root is the smallest kept value (ties: the higher index).
  const less = (a: number, b: number) => values[a]! < values[b]! || (values[a] === values[b] && a > b);
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < count && less(heap[l]!, heap[m]!)) m = l;
      if (r < count && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  for (let j = 0; j < values.length; j++) {
    if (count < size) {
      let i = count++;
      heap[i] = j;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(heap[i]!, heap[p]!)) break;
        const t = heap[i]!;
        heap[i] = heap[p]!;
        heap[p] = t;
        i = p;
      }
    } else if (values[j]! > values[heap[0]!]!) {
      // A tie with the root keeps the root: it has the lower index.
      heap[0] = j;
      siftDown(0);
    }
  }
  return Array.from(heap).sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
}
