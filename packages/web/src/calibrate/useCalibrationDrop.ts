import { useEffect, useState } from 'preact/hooks';

/**
 * While the calibration view is open, files dropped anywhere on the page are calibration sets: the
 * events are taken in the capture phase and stopped, so the app's import-a-response drop (window,
 * bubble phase) never sees them. `dragging` is true while files are held over the page.
 */
export function useCalibrationDrop(onFile: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const take = (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      take(e);
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      take(e);
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      take(e);
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      take(e);
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    const options = { capture: true };
    addEventListener('dragenter', enter, options);
    addEventListener('dragover', over, options);
    addEventListener('dragleave', leave, options);
    addEventListener('drop', drop, options);
    return () => {
      removeEventListener('dragenter', enter, options);
      removeEventListener('dragover', over, options);
      removeEventListener('dragleave', leave, options);
      removeEventListener('drop', drop, options);
    };
  }, [onFile]);
  return dragging;
}
