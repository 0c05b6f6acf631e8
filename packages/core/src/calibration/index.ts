/** Calibration of confidence against correctness: metrics, fitted maps, review thresholds, reports. */
export type { BinScheme } from './assignBins.js';
export { assignBins } from './assignBins.js';
export { auroc } from './auroc.js';
export { bootstrapEce } from './bootstrapEce.js';
export type { BrierDecomposition } from './brierScore.js';
export { brierScore } from './brierScore.js';
export type { CalibrationMap } from './CalibrationMap.js';
export { applyCalibrationMap, CALIBRATION_MAP_KINDS } from './CalibrationMap.js';
export type { CalibrationSample, DeriveMode } from './CalibrationSample.js';
export { DERIVE_MODES } from './CalibrationSample.js';
export type { CalibrateOptions, CalibrationReport, FittedMap } from './calibrate.js';
export { calibrate } from './calibrate.js';
export type { BinnedCalibration, CalibrationMetrics, SortedForecasts } from './calibrationMetrics.js';
export { calibrationMetrics, sortForecasts } from './calibrationMetrics.js';
export type { MetricRow } from './calibrationTable.js';
export { describeMap, describeReview, mapName, metricRows, tableColumns } from './calibrationTable.js';
export {
  AUROC_MARGIN,
  type BetterSignal,
  BRIER_MARGIN,
  compareSignalCalibration,
  type PairedSignals,
  type SignalCalibrationComparison,
  type SignalScores,
} from './compareSignalCalibration.js';
export { fitIsotonic } from './fitIsotonic.js';
export { fitPlatt } from './fitPlatt.js';
export { fitTemperature, TEMPERATURE_RANGE } from './fitTemperature.js';
export { InvalidRowError } from './InvalidRowError.js';
export { CLIP_EPSILON, logit, sigmoid } from './logit.js';
export { logLoss } from './logLoss.js';
export type { ParseCalibrationOptions } from './parseCalibrationRows.js';
export { parseCalibrationRows } from './parseCalibrationRows.js';
export type { ReliabilityDiagramOptions } from './reliabilityDiagramSvg.js';
export { reliabilityDiagramSvg } from './reliabilityDiagramSvg.js';
export type { CalibrationHtmlOptions } from './renderCalibrationHtml.js';
export { renderCalibrationHtml } from './renderCalibrationHtml.js';
export { renderCalibrationMarkdown } from './renderCalibrationMarkdown.js';
export type { CalibrationTextOptions } from './renderCalibrationText.js';
export { renderCalibrationText } from './renderCalibrationText.js';
export {
  renderSignalComparisonHtml,
  renderSignalComparisonMarkdown,
  renderSignalComparisonText,
} from './renderSignalComparison.js';
export type { ReviewThreshold } from './reviewThreshold.js';
export { reviewByBudget, reviewByCatch } from './reviewThreshold.js';
export type { RiskCoverage, RiskCoveragePoint } from './riskCoverage.js';
export { riskCoverage } from './riskCoverage.js';
export { seededRandom } from './seededRandom.js';
export type { CalibrationBin } from './summarizeBins.js';
export { calibrationErrors, summarizeBins } from './summarizeBins.js';
