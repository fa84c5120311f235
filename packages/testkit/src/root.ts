import path from 'node:path';

/** The repository root (this file is packages/testkit/src/root.ts). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
