import { execFile } from 'node:child_process';
import { toolPath } from '@sluice/testkit';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Path of promtool / prometheus as `pnpm test` found or installed them (PROMTOOL, PROMETHEUS_BIN).
 * Without them the test fails, naming what is missing and why: never a skip.
 */
export function promtool(): string {
  return toolPath('PROMTOOL');
}
export function prometheusBin(): string {
  return toolPath('PROMETHEUS_BIN');
}

/** Runs a command to the end, with `input` on stdin; resolves with its exit code and output. */
export function run(file: string, args: string[], options: { cwd?: string; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error
          ? typeof (error as { code?: unknown }).code === 'number'
            ? (error as { code: number }).code
            : 1
          : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}
export function alertmanagerBin(): string {
  return toolPath('ALERTMANAGER_BIN');
}
export function amtool(): string {
  return toolPath('AMTOOL');
}
