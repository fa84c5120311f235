export { backtest, type BacktestResult } from './backtest';
export { DAY_TYPES, dayType, opensAfterClosure, type DayType } from './day-type';
export { forecastDays, type ForecastBasis, type ForecastDay, type ForecastOptions } from './forecast';
export { CORE_HOUR_STARTS, countInto, dailyDemand, type DayDemand, type DemandRecord } from './history';
export { levelTimes, type ExpectedDemand, type LevelTimes } from './level-times';
export { NATIONAL } from './national';
export { replayDay, type ReplayInput, type ReplayOutcome } from './replay';
export { suggestRota, type RotaSuggestion } from './suggest';
export { syntheticHistory, type SyntheticOptions } from './synthetic';
export {
  HISTORY_COLUMNS,
  MAX_HISTORY_ROWS,
  parseHistoryCsv,
  type HistoryImport,
  type ImportedRow,
  type RowProblem,
} from './history-csv';
export {
  practiceDayReports,
  reportCsv,
  type PracticeDayReport,
  type ReportDecision,
  type ReportLevelChange,
  type ReportPause,
} from './report';
