const base = require('../../jest.base.cjs')(__dirname);

// flesch-kincaid and syllable (the status page's reading-age test) ship only as ES modules: let swc
// compile them to CommonJS like our own code.
const ESM_ONLY = ['flesch-kincaid', 'syllable'];
module.exports = { ...base, transformIgnorePatterns: [`/node_modules/(?!\\.pnpm/|(${ESM_ONLY.join('|')})/)`] };
