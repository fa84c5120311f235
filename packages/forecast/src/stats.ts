// simple-statistics ships a CommonJS build (its exports map's `require` condition) but describes
// itself with ES-module types only, which a CommonJS package may not import under Node16
// resolution. The types are taken as an ES module's and the CommonJS build is loaded at run time.
import type * as SimpleStatistics from 'simple-statistics' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simple = require('simple-statistics') as typeof SimpleStatistics;

export const { mean, quantile } = simple;
