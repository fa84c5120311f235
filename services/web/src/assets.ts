import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';

/** nhsuk-frontend's compiled files and templates, straight from node_modules: no CDN, no copy to go stale. */
export const NHSUK_DIST = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');
export const VIEWS = join(__dirname, 'views');
const PUBLIC = join(__dirname, 'public');

/**
 * NHS.UK's stylesheet loads the Frutiger web font from the NHS's own asset host, which its licence
 * allows only for NHS.UK. We serve the stylesheet without those @font-face rules, so pages make no
 * request off this server (and the CSP can stay `font-src 'self'`); text falls back to Arial, the
 * fallback the NHS stylesheet itself names.
 */
function localStylesheet(): string {
  const css = readFileSync(join(NHSUK_DIST, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8');
  return css.replace(/@font-face\{[^}]*\}/g, '');
}

/**
 * Static files for every page: `/assets/nhsuk/*` (nhsuk-frontend CSS and JS), `/assets/images/*`
 * (icons the CSS refers to at that absolute path), `/assets/app/*` (ours). Mount once per process.
 */
export function createAssetsRouter(): Router {
  const r = Router();
  const css = localStylesheet();
  const cache = { maxAge: '1h', index: false, fallthrough: false } as const;
  r.get('/assets/nhsuk/nhsuk-frontend.min.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(css);
  });
  r.use('/assets/nhsuk', express.static(join(NHSUK_DIST, 'nhsuk'), { ...cache, extensions: [] }));
  r.use('/assets/images', express.static(join(NHSUK_DIST, 'nhsuk', 'assets', 'images'), cache));
  // `root` matters: pnpm's store path has a dot-directory (.pnpm), which send() would refuse in a full path.
  r.get('/assets/manifest.json', (_req, res) =>
    res.sendFile('manifest.json', { root: join(NHSUK_DIST, 'nhsuk', 'assets') }),
  );
  r.use('/assets/app', express.static(PUBLIC, cache));
  return r;
}
