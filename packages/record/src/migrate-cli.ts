// `pnpm db:migrate`: brings the record named by DATABASE_URL (or SLUICE_DATA_DIR, or the embedded
// default's ./.sluice-data) to the newest schema. Sluice also migrates on start; this is for a
// deployment that migrates before it rolls out.
import { loadEnv } from '@sluice/config';
import { openDatabase } from './open';
import { recordTarget } from './target';

async function main(): Promise<void> {
  const target = recordTarget(loadEnv(), { embedded: true });
  if ('memory' in target) {
    process.stdout.write('The record is in memory (SLUICE_DATA_DIR=memory): nothing to migrate.\n');
    return;
  }
  const db = await openDatabase(target); // migrates
  try {
    const applied = db.applied.length ? `applied ${db.applied.join(', ')}` : 'nothing to apply';
    process.stdout.write(`Record at ${db.where} (${db.kind}) is up to date (${applied}).\n`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  process.stderr.write(`db:migrate failed: ${(e as Error).message}\n`);
  process.exit(1);
});
