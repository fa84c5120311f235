import { loadEnv } from '@sluice/config';
import { onShutdown } from '@sluice/runtime';
import { ROLES, startSluice, type Role } from './sluice';

/** `tsx src/main.ts [--role intake|capacity|notifier ...]`: every role by default (the embedded default). */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const roles = args.flatMap((a, i) => (a === '--role' && args[i + 1] ? [args[i + 1]!] : []));
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`unknown role(s) ${unknown.join(', ')}: use ${ROLES.join(', ')}`);
  const env = loadEnv();
  const sluice = await startSluice(env, { roles: roles.length ? (roles as Role[]) : ROLES, defaultDataDir: true });
  const a = sluice.adapters;
  onShutdown(a.log, [() => sluice.stop()], { timeoutMs: env.SLUICE_SHUTDOWN_TIMEOUT_MS });
  const lines = [
    `Sluice is running at ${sluice.url}  (${roles.length ? roles.join(', ') : 'embedded: intake, capacity and notifier'}; bus: ${env.SLUICE_BUS}, store: ${env.SLUICE_STORE})`,
    `Record (${a.record.kind}): ${a.recordWhere}${a.record.kind === 'memory' ? ' (kept in memory: nothing survives a restart; set DATABASE_URL or SLUICE_DATA_DIR)' : ''}`,
  ];
  if (sluice.operatorKeyGenerated && (!roles.length || roles.includes('capacity'))) {
    lines.push(`Operator key (generated for this run; set SLUICE_OPERATOR_KEY to choose one): ${sluice.operatorKey}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e) => {
  process.stderr.write(`Sluice could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
