import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * While streaming, keeps the text box scrolled to the newest token as long as the user has not
 * scrolled up (scrolling back to the bottom resumes following). Returns the box's scroll handler.
 */
export function useStickToBottom(
  box: RefObject<HTMLElement | null>,
  count: number,
  streaming: boolean,
): () => void {
  const stuck = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && streaming && stuck.current) el.scrollTop = el.scrollHeight;
  }, [count, streaming]);
  return () => {
    const el = box.current;
    if (el) stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
}
