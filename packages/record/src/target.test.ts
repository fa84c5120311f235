import path from 'node:path';
import { recordTarget } from './target';

describe('recordTarget', () => {
  it('happy: DATABASE_URL wins; then SLUICE_DATA_DIR; the embedded default gets ./.sluice-data, a single role memory', () => {
    expect(recordTarget({ DATABASE_URL: 'postgres://h/db', SLUICE_DATA_DIR: '/d' }, { embedded: true })).toEqual({
      databaseUrl: 'postgres://h/db',
    });
    expect(recordTarget({ SLUICE_DATA_DIR: '/var/lib/sluice' }, { embedded: false })).toEqual({
      dataDir: '/var/lib/sluice',
    });
    expect(recordTarget({ INIT_CWD: '/home/me/sluice' }, { embedded: true })).toEqual({
      dataDir: path.join('/home/me/sluice', '.sluice-data'),
    });
    expect(recordTarget({}, { embedded: true, cwd: '/w' })).toEqual({ dataDir: '/w/.sluice-data' });
    expect(recordTarget({}, { embedded: false })).toEqual({ memory: true });
    expect(recordTarget({ SLUICE_DATA_DIR: 'memory' }, { embedded: true })).toEqual({ memory: true });
    expect(recordTarget({ SLUICE_DATA_DIR: 'memory://' }, { embedded: true })).toEqual({ dataDir: 'memory://' });
  });
});
