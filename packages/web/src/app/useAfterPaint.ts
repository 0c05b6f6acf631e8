import { useEffect, useState } from 'preact/hooks';

/**
 * False on the renders of `key` before the page has painted it, true from the next task after that
 * paint: a view shows its main part first and adds secondary panels a moment later (on a
 * 10,000-token run the confidence gate's sentence list would otherwise delay the X-ray's first paint).
 */
export function useAfterPaint(key: unknown): boolean {
  const [painted, setPainted] = useState<{ key: unknown } | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted({ key }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [key]);
  return painted !== null && painted.key === key;
}
