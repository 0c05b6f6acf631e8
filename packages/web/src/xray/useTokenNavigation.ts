import type { RefObject } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { clampIndex, keyAction, lineNeighbour, nextFlagged } from './keyboardNav.js';
import { tokenElement } from './TokenChunk.js';
import { tokenIndexOf } from './TokenText.js';

/** Which token is focused, hovered, pinned and pointed at from the chart, and the handlers that change them. */
export interface TokenNavigation {
  focusIndex: number;
  /** The token whose tooltip shows: pinned, else hovered, else focused (unless dismissed with Esc). */
  shownIndex: number | null;
  pinnedIndex: number | null;
  linkedIndex: number | null;
  /** The user moved to this token (keys, click, chart click): the charts follow it. */
  followIndex: number | null;
  goTo: (index: number, pin?: boolean) => void;
  unpin: () => void;
  link: (index: number | null) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  onMouseOver: (e: MouseEvent) => void;
  onMouseLeave: () => void;
  onClick: (e: MouseEvent) => void;
  onFocusIn: (e: FocusEvent) => void;
  onFocusOut: (e: FocusEvent) => void;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Scrolls the text box (only it, not the page) so token `el` is inside it. */
export function scrollIntoBox(box: HTMLElement, el: HTMLElement): void {
  const top = el.offsetTop;
  const bottom = top + el.offsetHeight;
  if (top < box.scrollTop || bottom > box.scrollTop + box.clientHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

export function useTokenNavigation(
  count: number,
  flagged: readonly number[],
  box: RefObject<HTMLDivElement | null>,
  onExplore: ((index: number) => void) | null,
): TokenNavigation {
  const [focus, setFocus] = useState(0);
  const [hover, setHover] = useState<number | null>(null);
  const [pinned, setPinned] = useState<number | null>(null);
  const [linked, setLinked] = useState<number | null>(null);
  const [textFocused, setTextFocused] = useState(false);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [follow, setFollow] = useState<number | null>(null);
  const focusIndex = clampIndex(focus, 0, count);
  const el = (i: number) => tokenElement(box.current, i);

  const goTo = useCallback((index: number, pin = false) => {
    const target = tokenElement(box.current, index);
    setFocus(index);
    setFollow(index);
    setDismissed(null);
    if (pin) setPinned(index);
    if (target && box.current) {
      scrollIntoBox(box.current, target);
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'nearest' });
    }
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (isTyping(e.target) || count === 0) return;
    const action = keyAction(e);
    if (!action) return;
    const onToken = tokenIndexOf(e.target);
    if (action.kind === 'flagged') {
      const next = nextFlagged(flagged, onToken ?? (textFocused ? focusIndex : null), action.direction);
      if (next === null) return;
      e.preventDefault();
      goTo(next);
      return;
    }
    if (action.kind === 'escape') {
      if (pinned === null && onToken === null) return;
      e.preventDefault();
      setPinned(null);
      setHover(null);
      setDismissed(onToken ?? focusIndex);
      if (pinned !== null && onToken === null) el(pinned)?.focus({ preventScroll: true });
      return;
    }
    if (onToken === null) return;
    e.preventDefault();
    switch (action.kind) {
      case 'move':
        goTo(clampIndex(onToken, action.delta, count));
        break;
      case 'edge':
        goTo(action.to === 'first' ? 0 : count - 1);
        break;
      case 'line':
        goTo(
          lineNeighbour(onToken, action.direction, count, (i) => {
            const r = el(i)?.getClientRects()[0];
            return r ? { top: r.top, left: r.left, right: r.right } : { top: 0, left: 0, right: 0 };
          }),
        );
        break;
      case 'pin':
        setPinned(pinned === onToken ? null : onToken);
        setDismissed(null);
        break;
      case 'explore':
        onExplore?.(onToken);
        break;
    }
  };

  const shownIndex = pinned ?? hover ?? (textFocused && dismissed !== focusIndex ? focusIndex : null);
  return {
    focusIndex,
    shownIndex: shownIndex !== null && shownIndex < count ? shownIndex : null,
    pinnedIndex: pinned !== null && pinned < count ? pinned : null,
    linkedIndex: linked,
    followIndex: follow,
    goTo,
    unpin: () => {
      setPinned(null);
      setDismissed(focusIndex);
    },
    link: (index) => {
      setLinked(index);
      const target = index === null ? undefined : el(index);
      if (target && box.current) scrollIntoBox(box.current, target);
    },
    onKeyDown,
    onMouseOver: (e) => {
      const i = tokenIndexOf(e.target);
      if (i !== null && i !== hover) setHover(i);
    },
    onMouseLeave: () => setHover(null),
    onClick: (e) => {
      const i = tokenIndexOf(e.target);
      if (i === null) return;
      if (pinned === i) {
        setPinned(null);
        setDismissed(i);
      } else {
        setPinned(i);
        setFocus(i);
        setFollow(i);
        setDismissed(null);
      }
    },
    onFocusIn: (e) => {
      const i = tokenIndexOf(e.target);
      if (i === null) return;
      setTextFocused(true);
      if (i !== focusIndex) {
        setFocus(i);
        setDismissed(null);
      }
    },
    onFocusOut: (e) => {
      if (!(e.relatedTarget instanceof Node && box.current?.contains(e.relatedTarget))) setTextFocused(false);
    },
  };
}
