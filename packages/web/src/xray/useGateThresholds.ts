import { useEffect, useState } from 'preact/hooks';
import type { GateThresholds } from './sentenceVerdict.js';
import { GATE_THRESHOLDS_EVENT, loadGateThresholds, saveGateThresholds } from './storedGateThresholds.js';

/** The gate thresholds of the page (saved in localStorage; every view using them follows a change). */
export function useGateThresholds(): [GateThresholds, (t: GateThresholds) => void] {
  const [thresholds, setThresholds] = useState<GateThresholds>(loadGateThresholds);
  useEffect(() => {
    const onChange = (e: Event) => setThresholds((e as CustomEvent<GateThresholds>).detail);
    addEventListener(GATE_THRESHOLDS_EVENT, onChange);
    return () => removeEventListener(GATE_THRESHOLDS_EVENT, onChange);
  }, []);
  return [thresholds, saveGateThresholds];
}
