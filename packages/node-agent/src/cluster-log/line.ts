// One cluster.log line (facts §16.2, from real samples):
//
//   PPPPPPPP.TTTTTTTT::YYYY/MM/DD-HH:MM:SS.mmm LEVEL [COMPONENT] message
//   0000ab34.00004b38::2014/06/10-07:54:34.099 INFO  [IM] Marking Route from 10.0.0.1:~3343~ to …
//
// The ID fields are the process and thread (8 hex digits each), the time is UTC unless
// -UseLocalTime, and the level is padded to 5 characters. An event becomes one or more lines: its
// level, component and message come from the one catalog (`renderEvent`, STYLE 20); a message with
// line breaks, or an event a caller expands (a route-history dump), gives one line per text line,
// each with the full prefix, as the real log writes them.
import { renderEvent, type ClusterLogLevel, type HistoryEntry, type LabEvent } from '@wsfc-lab/protocol';
import { clusterLogLimits } from './limits.js';
import { hex8, pseudoProcessId, pseudoThreadId } from './ids.js';
import { formatLogTimestamp, wallTimeOf, type WallClock } from './wall-clock.js';

/** One line as the ring keeps it: data, formatted only when a log is asked for. */
export interface ClusterLogLine {
  atMs: number;
  /** The history sequence of the event it came from (lines of one event share it). */
  seq: number;
  level: ClusterLogLevel;
  component: string;
  message: string;
}

/**
 * Events whose cluster.log text is several lines computed from their data and the wall clock, such
 * as a route-history dump (route-history.ts). Keyed by event type; absent types use `renderEvent`.
 */
export type ClusterLogExpanders = {
  [K in LabEvent['type']]?: (event: Extract<LabEvent, { type: K }>, context: ExpansionContext) => string[];
};

/** What an expander knows besides the event: the wall clock and when the event happened. */
export interface ExpansionContext {
  clock: WallClock;
  atMs: number;
}

function clip(text: string): string {
  return text.length <= clusterLogLimits.messageCharsMax ? text : `${text.slice(0, clusterLogLimits.messageCharsMax - 1)}…`;
}

function boundLines(lines: string[]): string[] {
  const max = clusterLogLimits.linesPerEventMax;
  if (lines.length <= max) return lines.map(clip);
  return [...lines.slice(0, max - 1).map(clip), `… ${lines.length - (max - 1)} more lines not logged`];
}

function expandedText(entry: HistoryEntry, clock: WallClock, expanders: ClusterLogExpanders | undefined): string[] | undefined {
  const expand = expanders?.[entry.event.type] as ((e: LabEvent, c: ExpansionContext) => string[]) | undefined;
  return expand?.(entry.event, { clock, atMs: entry.atMs });
}

/** The lines one history entry contributes to its node's cluster.log. */
export function linesOfEvent(entry: HistoryEntry, o: { clock: WallClock; expanders?: ClusterLogExpanders }): ClusterLogLine[] {
  const rendered = renderEvent(entry.event);
  const texts = expandedText(entry, o.clock, o.expanders) ?? rendered.Message.split(/\r?\n/);
  return boundLines(texts).map((message) => ({ atMs: entry.atMs, seq: entry.seq, level: rendered.LogLevel, component: rendered.Component, message }));
}

/** The text of one line, in the real format. */
export function formatClusterLogLine(o: { node: string; line: ClusterLogLine; clock: WallClock }): string {
  const { line } = o;
  const ids = `${hex8(pseudoProcessId(o.node))}.${hex8(pseudoThreadId(o.node, line.component))}`;
  const component = line.component === '' ? '' : `[${line.component}] `;
  return `${ids}::${formatLogTimestamp(wallTimeOf(o.clock, line.atMs))} ${line.level.padEnd(5)} ${component}${line.message}`;
}

/** The line format of facts §16.2, for tests and for readers of exported logs. */
export const clusterLogLinePattern = /^[0-9a-f]{8}\.[0-9a-f]{8}::\d{4}\/\d{2}\/\d{2}-\d{2}:\d{2}:\d{2}\.\d{3} (INFO |WARN |ERR  |DBG  ) \[[A-Za-z0-9]+\] .*$/;
