import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { JobReport } from '../engine/job/job-report.ts';
import { parseManifest } from '../engine/manifest/parse-manifest.ts';
import type { ChannelReport, RunReport } from '../engine/run/report.ts';
import { ERRNO_NAMES } from '../engine/wasi/constants.ts';
import type { Expectation } from './schema.ts';
import { matchText, plural, quote } from './text-match.ts';
import type { CheckLine, LessonFiles, RunSetup } from './types.ts';

/** What a check looks at: the run (and a second one for `deterministic`), and the project before and after. */
export interface CheckContext {
  result: RunReport | JobReport;
  second?: RunReport | JobReport;
  before: LessonFiles;
  after: LessonFiles;
  setup: RunSetup;
}

type Bounds = { min?: number; max?: number };
const decoder = new TextDecoder();

/** True for a job's report. */
export function isJobReport(result: RunReport | JobReport): result is JobReport {
  return 'nodes' in result;
}

/** Judges one requirement; a failure carries the requirement's hint when it has one. */
export function evaluate(expectation: Expectation, context: CheckContext): CheckLine {
  const line = judge(expectation, context);
  return !line.ok && expectation.hint ? { ...line, hint: expectation.hint } : line;
}

function judge(e: Expectation, c: CheckContext): CheckLine {
  if ('exit' in e) return judgeExit(e, c.result);
  if ('stdout' in e) return judgeConsole('stdout', e.stdout, e.node, c.result);
  if ('stderr' in e) return judgeConsole('stderr', e.stderr, e.node, c.result);
  if ('file' in e) return judgeFile(e, c.after);
  if ('channel' in e) return judgeChannel(e, c.result);
  if ('manifest' in e) return judgeManifest(e.manifest, c);
  if ('deterministic' in e) return judgeDeterministic(c);
  if ('trace' in e) return judgeTrace(e.trace, c.result);
  if ('report' in e) return judgeReport(e.report, c.result);
  if ('job' in e) {
    if (!isJobReport(c.result)) return notAJob('job');
    const ok = c.result.state === e.job;
    return {
      ok,
      text: ok
        ? `the job ended ${e.job}`
        : `the job ended ${c.result.state}, expected ${e.job}: ${c.result.summary}`,
    };
  }
  if (!isJobReport(c.result)) return notAJob('nodes');
  return bounded(`the job had ${plural(c.result.nodes.length, 'node')}`, c.result.nodes.length, e.nodes);
}

function judgeExit(e: { exit: string; code?: number }, result: RunReport | JobReport): CheckLine {
  const runs = isJobReport(result)
    ? result.nodes.map((n) => ({ name: `${n.name}: `, report: n.report }))
    : [{ name: '', report: result }];
  for (const { name, report } of runs) {
    if (!report) return { ok: false, text: `${name}never ran` };
    if (report.state !== e.exit)
      return {
        ok: false,
        text: `${name}the run ended "${report.state}" (${report.message}), expected "${e.exit}"`,
      };
    if (e.code !== undefined && report.exitCode !== e.code)
      return {
        ok: false,
        text: `${name}the program exited with code ${report.exitCode}, expected ${e.code}`,
      };
  }
  const code = e.code !== undefined ? ` with code ${e.code}` : '';
  return { ok: true, text: `the run ended "${e.exit}"${code}` };
}

function judgeConsole(
  stream: 'stdout' | 'stderr',
  match: Parameters<typeof matchText>[2],
  node: string | undefined,
  result: RunReport | JobReport,
): CheckLine {
  const found = runFor(result, node);
  if (typeof found === 'string') return { ok: false, text: found };
  const what = node === undefined ? stream : `${node}'s ${stream}`;
  const line = matchText(what, decoder.decode(found[stream]), match);
  if (line.ok) return line;
  const channel = found.channels.find((ch) => ch.alias === `/dev/${stream}`);
  if (channel && channel.quotaHits > 0)
    line.text += ` (the /dev/${stream} channel allows ${plural(channel.limits.puts, 'write')}; ${channel.quotaHits} refused)`;
  else if (found.state !== 'ok') line.text += ` (the run ended "${found.state}": ${found.message})`;
  return line;
}

/** The run a console check reads: the run itself, a job's named node, or a job's last node. */
function runFor(result: RunReport | JobReport, node: string | undefined): RunReport | string {
  if (!isJobReport(result))
    return node === undefined ? result : `"${node}" names a job node, but this is a single run`;
  const found =
    node === undefined ? result.nodes[result.nodes.length - 1] : result.nodes.find((n) => n.name === node);
  if (!found) return `the job has no node "${node}" (it has ${result.nodes.map((n) => n.name).join(', ')})`;
  return found.report ?? `${found.name} never ran: ${found.reason ?? 'skipped'}`;
}

function judgeFile(e: Extract<Expectation, { file: string }>, files: LessonFiles): CheckLine {
  const data = Object.hasOwn(files, e.file) ? files[e.file] : undefined;
  if ('exists' in e) {
    const ok = (data !== undefined) === e.exists;
    const is = data !== undefined ? 'is' : 'is not';
    return {
      ok,
      text: ok
        ? `${e.file} ${is} in the project`
        : `${e.file} ${is} in the project after the run, expected it ${e.exists ? 'to be' : 'not to be'}`,
    };
  }
  if (data === undefined) return { ok: false, text: `${e.file} is not in the project after the run` };
  if ('sha256' in e) {
    const hash = bytesToHex(sha256(data));
    const ok = hash === e.sha256;
    return {
      ok,
      text: ok
        ? `${e.file} has the expected contents`
        : `${e.file} does not have the expected contents (sha256 ${hash.slice(0, 12)}...)`,
    };
  }
  const match =
    'equals' in e ? { equals: e.equals } : 'contains' in e ? { contains: e.contains } : { regex: e.regex };
  return matchText(e.file, decoder.decode(data), match);
}

function judgeChannel(
  e: Extract<Expectation, { channel: string }>,
  result: RunReport | JobReport,
): CheckLine {
  if (isJobReport(result))
    return { ok: false, text: 'channel requirements apply to a single run, not a job' };
  const channel =
    result.channels.find((ch) => ch.alias === e.channel) ??
    result.channels.find((ch) => ch.uri === e.channel);
  const name = `the ${e.channel} channel`;
  if (!channel) return { ok: false, text: `the run has no ${e.channel} channel` };
  if ('writes' in e)
    return bounded(`${name} had ${plural(channel.writes, 'write')}`, channel.writes, e.writes);
  if ('reads' in e) return bounded(`${name} had ${plural(channel.reads, 'read')}`, channel.reads, e.reads);
  if ('bytesWritten' in e)
    return bounded(
      `${name} had ${plural(channel.bytesWritten, 'byte')} written`,
      channel.bytesWritten,
      e.bytesWritten,
    );
  if ('bytesRead' in e)
    return bounded(`${name} had ${plural(channel.bytesRead, 'byte')} read`, channel.bytesRead, e.bytesRead);
  if ('quotaHit' in e) {
    const hit = channel.quotaHits > 0;
    const said = hit
      ? `${plural(channel.quotaHits, 'call')} to ${e.channel} hit the quota`
      : `no call to ${e.channel} hit the quota`;
    return {
      ok: hit === e.quotaHit,
      text: hit === e.quotaHit ? said : `${said}, expected ${e.quotaHit ? 'some to' : 'none to'}`,
    };
  }
  return judgeLimits(name, channel, e.limit);
}

function judgeLimits(
  name: string,
  channel: ChannelReport,
  limit: Record<string, number | undefined>,
): CheckLine {
  const words: Record<string, string> = {
    puts: 'writes',
    putSize: 'bytes written',
    gets: 'reads',
    getSize: 'bytes read',
    type: 'type',
  };
  for (const [key, wanted] of Object.entries(limit)) {
    if (wanted === undefined) continue;
    const actual = key === 'type' ? channel.type : channel.limits[key as keyof ChannelReport['limits']];
    if (actual !== wanted) {
      const said = key === 'type' ? `is of type ${actual}` : `allows ${actual} ${words[key]}`;
      return {
        ok: false,
        text: `${name} ${said}, expected ${key === 'type' ? 'type ' : ''}${wanted}${key === 'type' ? '' : ` ${words[key]}`}`,
      };
    }
  }
  const said = Object.entries(limit)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === 'type' ? `is of type ${v}` : `allows ${v} ${words[k]}`));
  return { ok: true, text: `${name} ${said.join(' and ')}` };
}

function judgeManifest(e: { memory?: Bounds; timeout?: Bounds }, c: CheckContext): CheckLine {
  if (c.setup.run !== 'manifest') return { ok: false, text: 'manifest requirements need a manifest run' };
  const bytes = c.before[c.setup.runFile];
  const manifest = bytes ? parseManifest(decoder.decode(bytes)).manifest : undefined;
  if (!manifest) return { ok: false, text: `${c.setup.runFile} could not be read as a manifest` };
  const parts = [
    e.memory ? bounded(`Memory is ${plural(manifest.memory, 'byte')}`, manifest.memory, e.memory) : undefined,
    e.timeout
      ? bounded(`Timeout is ${plural(manifest.timeout, 'second')}`, manifest.timeout, e.timeout)
      : undefined,
  ].filter((p): p is CheckLine => p !== undefined);
  return parts.find((p) => !p.ok) ?? { ok: true, text: parts.map((p) => p.text).join('; ') };
}

function judgeDeterministic(c: CheckContext): CheckLine {
  if (!c.second) return { ok: false, text: 'the check did not run the project twice' };
  const a = fingerprint(c.result);
  const b = fingerprint(c.second);
  const differ = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  if (differ.length === 0) return { ok: true, text: 'two runs gave identical output, files and etags' };
  return { ok: false, text: `two runs differed in ${differ.join(', ')}` };
}

/** What must be the same from run to run: console text, changed files, channel etags. */
function fingerprint(result: RunReport | JobReport): Map<string, string> {
  const out = new Map<string, string>();
  const runs = isJobReport(result)
    ? result.nodes.map((n) => [`${n.name} `, n.report] as const)
    : [['', result] as const];
  for (const [prefix, run] of runs) {
    if (!run) continue;
    out.set(`${prefix}stdout`, decoder.decode(run.stdout));
    out.set(`${prefix}stderr`, decoder.decode(run.stderr));
    for (const ch of run.channels) if (ch.etag) out.set(`${prefix}the etag of ${ch.alias}`, ch.etag);
  }
  const changes = isJobReport(result) ? result.changes : result.changes;
  for (const change of changes)
    out.set(change.path, change.data ? bytesToHex(sha256(change.data)) : 'removed');
  return out;
}

function judgeTrace(
  e: { call: string; count?: number; min?: number; max?: number; errno?: string },
  result: RunReport | JobReport,
): CheckLine {
  if (isJobReport(result)) return { ok: false, text: 'trace requirements apply to a single run, not a job' };
  if (!result.trace) return { ok: false, text: 'no trace was recorded' };
  const calls = result.trace.filter(
    (t) =>
      t.call === e.call && (e.errno === undefined || (ERRNO_NAMES[t.errno] ?? String(t.errno)) === e.errno),
  );
  const what =
    e.errno === undefined
      ? e.call
      : e.errno === 'SUCCESS'
        ? `${e.call} succeeding`
        : `${e.call} failing with ${e.errno}`;
  const bounds =
    e.count !== undefined
      ? { min: e.count, max: e.count }
      : e.min === undefined && e.max === undefined
        ? { min: 1 }
        : e;
  const head = `the trace had ${calls.length === 1 ? '1 call' : `${calls.length} calls`} of ${what}`;
  return bounded(head, calls.length, bounds);
}

function judgeReport(e: { argv?: string[]; state?: string }, result: RunReport | JobReport): CheckLine {
  if (isJobReport(result)) return { ok: false, text: 'report requirements apply to a single run, not a job' };
  if (e.argv && JSON.stringify(e.argv) !== JSON.stringify(result.argv))
    return {
      ok: false,
      text: `argv was ${quote(result.argv.join(' '))}, expected ${quote(e.argv.join(' '))}`,
    };
  if (e.state && e.state !== result.state)
    return { ok: false, text: `the report says "${result.state}", expected "${e.state}"` };
  const said = [
    e.argv ? `argv is ${quote(e.argv.join(' '))}` : '',
    e.state ? `the state is "${e.state}"` : '',
  ];
  return { ok: true, text: said.filter(Boolean).join(' and ') || 'the report is as expected' };
}

function notAJob(key: string): CheckLine {
  return { ok: false, text: `"${key}" requirements apply to a job, but this lesson runs one program` };
}

/** "the /dev/stdout channel had 3 writes, expected at least 10". */
function bounded(head: string, n: number, b: Bounds): CheckLine {
  const ok = (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max);
  if (ok) return { ok, text: head };
  const expected =
    b.min !== undefined && b.max !== undefined
      ? b.min === b.max
        ? `exactly ${b.min}`
        : `between ${b.min} and ${b.max}`
      : b.min !== undefined
        ? `at least ${b.min}`
        : `at most ${b.max}`;
  return { ok, text: `${head}, expected ${expected}` };
}
