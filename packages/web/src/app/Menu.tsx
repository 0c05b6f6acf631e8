import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface MenuProps {
  label: ComponentChildren;
  children: ComponentChildren;
  /** Told when the menu opens or closes. */
  onToggle?: (open: boolean) => void;
}

/**
 * A drop-down on <details>: keyboard and screen readers get it for free; it closes on Escape, on a
 * click outside, and after a choice inside (a link or button click).
 */
export function Menu({ label, children, onToggle }: MenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (focusSummary: boolean) => {
      const el = ref.current;
      if (!el?.open) return;
      el.open = false;
      if (focusSummary) el.querySelector('summary')?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && ref.current?.contains(document.activeElement)) close(true);
    };
    const onChoice = (e: MouseEvent) => {
      if ((e.target as HTMLElement).closest('a, .menu-choice')) close(false);
    };
    const el = ref.current;
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    el?.addEventListener('click', onChoice);
    return () => {
      el?.removeEventListener('click', onChoice);
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  return (
    <details ref={ref} class="menu" onToggle={(e) => onToggle?.(e.currentTarget.open)}>
      <summary class="btn btn-small">{label}</summary>
      {children}
    </details>
  );
}
