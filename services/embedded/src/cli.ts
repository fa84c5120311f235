// `pnpm sluice <command>`: planning from the command line, through Sluice's own HTTP API (so it works
// the same against the embedded default and a deployment, and never opens another process's data).
//
//   pnpm sluice seed-history --practice A81001 --weeks 8 [--list-size 9000] [--seed 1]   demo history, ending yesterday
//   pnpm sluice forecast --practice A81001 [--from 2026-12-07] [--days 5]
//   pnpm sluice what-if --practice A81001 --date 2026-11-30 [--rota rota.json] [--settings s.json] [--policy bma-safe-working]
//
// Every command takes --url (default http://localhost:8080) and --key (the operator key `pnpm start`
// printed, or the practice's key).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addDays, createCalendar, londonDay, weekday } from '@sluice/domain';
import { syntheticHistory } from '@sluice/forecast';

export interface CliIo {
  out: (line: string) => void;
  now: () => Date;
}

const USAGE = `usage: pnpm sluice <seed-history|forecast|what-if> --practice ODS --key KEY [--url URL] [options]
  seed-history --weeks N [--list-size N] [--seed N]   write N weeks of realistic demo history, ending yesterday
  forecast [--from YYYY-MM-DD] [--days N]              the next working days' forecast against the rota
  what-if --date YYYY-MM-DD [--rota FILE] [--settings FILE] [--policy NAME]   replay a past day`;

class CliError extends Error {}

async function call(
  url: string,
  key: string,
  method: string,
  path: string,
  body?: { type: string; text: string },
): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': body.type } : {}) },
    ...(body ? { body: body.text } : {}),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok)
    throw new CliError(
      `${method} ${path}: ${res.status} ${String(json.title ?? '')}${json.detail ? ` — ${String(json.detail)}` : ''}`,
    );
  return json;
}

const pad = (s: unknown, n: number): string => String(s ?? '—').padEnd(n);

/** The parts of the API's answers the tables print (the OpenAPI document has the whole shapes). */
interface ForecastAnswer {
  days: {
    date: string;
    expected: number | null;
    low: number | null;
    high: number | null;
    basisText: string;
    capacity: { total: number };
    levels: { reach: { RED?: string }; endLevel: string } | null;
    suggestion: { extraContacts: number } | null;
  }[];
}
type Totals = {
  totals: Record<'accepted' | 'queued' | 'redirected', number>;
  toldTomorrowOrLater: number;
  overbooked: number;
};
interface WhatIfAnswer {
  date: string;
  requests: number;
  actual: Totals;
  whatIf: Totals;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const { values: o } = parseArgs({
    args: rest,
    options: {
      practice: { type: 'string' },
      key: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:8080' },
      weeks: { type: 'string' },
      'list-size': { type: 'string', default: '9000' },
      seed: { type: 'string', default: '1' },
      from: { type: 'string' },
      days: { type: 'string', default: '5' },
      date: { type: 'string' },
      rota: { type: 'string' },
      settings: { type: 'string' },
      policy: { type: 'string' },
    },
  });
  const practice = o.practice;
  const key = o.key;
  const url = o.url!.replace(/\/$/, '');
  try {
    if (!practice || !key) throw new CliError('--practice and --key are required');
    const base = `/v1/practices/${encodeURIComponent(practice)}`;
    switch (command) {
      case 'seed-history': {
        const weeks = Number(o.weeks);
        if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104)
          throw new CliError('--weeks: a whole number from 1 to 104');
        const calendar = createCalendar();
        const today = londonDay(io.now());
        // Whole weeks, Monday to Sunday, ending before today.
        let end = addDays(today, -1);
        while (weekday(end) !== 7) end = addDays(end, -1);
        const from = addDays(end, -(weeks * 7) + 1);
        const records = syntheticHistory({
          listSize: Number(o['list-size']),
          from,
          weeks,
          calendar,
          seed: Number(o.seed),
        }).filter((r) => londonDay(r.receivedAt) <= end);
        const csv = [
          'received_at,kind,urgency',
          ...records.map((r) => `${r.receivedAt.toISOString()},${r.kind},${r.urgency}`),
        ].join('\n');
        const res = (await call(url, key, 'POST', `${base}/history`, { type: 'text/csv', text: csv })) as {
          imported: number;
          alreadyImported: number;
        };
        io.out(
          `${practice}: ${records.length} requests from ${from} to ${end} (${res.imported} new, ${res.alreadyImported} already there)`,
        );
        return 0;
      }
      case 'forecast': {
        const q = new URLSearchParams({ days: o.days!, ...(o.from ? { from: o.from } : {}) });
        const res = (await call(url, key, 'GET', `${base}/forecast?${q}`)) as ForecastAnswer;
        io.out(
          `${pad('date', 11)}${pad('expected', 10)}${pad('80 %', 14)}${pad('capacity', 10)}${pad('RED at', 8)}${pad('ends', 7)}extra contacts`,
        );
        for (const d of res.days) {
          io.out(
            `${pad(d.date, 11)}${pad(d.expected, 10)}${pad(d.low === null ? null : `${d.low}–${d.high}`, 14)}${pad(d.capacity.total, 10)}` +
              `${pad(d.levels?.reach?.RED, 8)}${pad(d.levels?.endLevel, 7)}${d.suggestion?.extraContacts ?? '—'}`,
          );
        }
        if (res.days[0]) io.out(res.days[0].basisText);
        return 0;
      }
      case 'what-if': {
        if (!o.date) throw new CliError('--date is required');
        const body = {
          date: o.date,
          ...(o.rota ? { rota: JSON.parse(readFileSync(o.rota, 'utf8')) } : {}),
          ...(o.settings ? { settings: JSON.parse(readFileSync(o.settings, 'utf8')) } : {}),
          ...(o.policy ? { policy: o.policy } : {}),
        };
        const res = (await call(url, key, 'POST', `${base}/what-if`, {
          type: 'application/json',
          text: JSON.stringify(body),
        })) as WhatIfAnswer;
        io.out(`${practice} on ${res.date}: ${res.requests} requests`);
        io.out(`${pad('', 24)}${pad('as it was', 12)}what if`);
        for (const row of ['accepted', 'queued', 'redirected'] as const)
          io.out(`${pad(row, 24)}${pad(res.actual.totals[row], 12)}${res.whatIf.totals[row]}`);
        io.out(
          `${pad('told tomorrow or later', 24)}${pad(res.actual.toldTomorrowOrLater, 12)}${res.whatIf.toldTomorrowOrLater}`,
        );
        io.out(`${pad('overbooked', 24)}${pad(res.actual.overbooked, 12)}${res.whatIf.overbooked}`);
        return 0;
      }
      default:
        throw new CliError(command ? `unknown command ${command}` : 'give a command');
    }
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    io.out(`${err.message}\n${USAGE}`);
    return 2;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (l) => console.log(l), now: () => new Date() }).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`sluice: ${err.message}`);
      process.exit(1);
    },
  );
}
