// The sweep's chart: drain time (top row) and mean blackout (bottom row) against
// MaximumParallelMigrations, one panel per performance option, one line per VM count. Written as
// SVG by hand (a few dozen elements: no charting library, nothing to run headless), and rendered
// to PNG beside it by @resvg/resvg-js (prebuilt binaries from the npm registry, no browser).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { MigrationsRow } from './migrations-bench.js';
import { protectedCaseName } from './migrations-protected-sweep.js';

export interface ChartPoint {
  option: string;
  vmCount: number;
  limit: number;
  drainS: number;
  blackoutMs: number;
}

const panel = { width: 300, height: 190, left: 60, top: 34, gapX: 76, gapY: 56 } as const;
const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function chartPoints(rows: readonly MigrationsRow[]): ChartPoint[] {
  return rows
    // Only drains that moved every VM: a failed one's figures describe the failure, not the limit.
    .filter((row) => row.trial.figures !== null && row.trial.figures.migrations.completed === row.trial.options.vmCount)
    .map((row) => ({ option: row.trial.options.option, vmCount: row.trial.options.vmCount, limit: row.trial.options.limit, drainS: row.trial.figures!.drainMs / 1000, blackoutMs: row.trial.figures!.blackoutMsMean }));
}

interface PanelSpec {
  x: number;
  y: number;
  title: string;
  yLabel: string;
  points: ChartPoint[];
  value: (p: ChartPoint) => number;
  vmCounts: number[];
  limits: number[];
}

function drawPanel(p: PanelSpec): string[] {
  const w = panel.width;
  const h = panel.height;
  const yMax = Math.max(1e-9, ...p.points.map(p.value)) * 1.08;
  const [lo = 1, hi = 1] = [Math.min(...p.limits), Math.max(...p.limits)];
  const sx = (limit: number) => p.x + (hi === lo ? w / 2 : ((limit - lo) / (hi - lo)) * w);
  const sy = (v: number) => p.y + h - (v / yMax) * h;
  const out = [`<text x="${p.x + w / 2}" y="${p.y - 12}" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(p.title)}</text>`, `<rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" fill="none" stroke="#999"/>`];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax / 1.08) * (i / 4);
    out.push(`<line x1="${p.x}" x2="${p.x + w}" y1="${sy(v)}" y2="${sy(v)}" stroke="#eee"/>`, `<text x="${p.x - 4}" y="${sy(v) + 4}" text-anchor="end" font-size="10">${fmt(v)}</text>`);
  }
  for (const limit of p.limits) out.push(`<text x="${sx(limit)}" y="${p.y + h + 14}" text-anchor="middle" font-size="10">${limit}</text>`);
  out.push(`<text x="${p.x + w / 2}" y="${p.y + h + 30}" text-anchor="middle" font-size="11">MaximumParallelMigrations</text>`);
  out.push(`<text transform="translate(${p.x - 42} ${p.y + h / 2}) rotate(-90)" text-anchor="middle" font-size="11">${escapeXml(p.yLabel)}</text>`);
  p.vmCounts.forEach((vmCount, i) => {
    const line = p.points.filter((q) => q.vmCount === vmCount).sort((a, b) => a.limit - b.limit);
    if (line.length === 0) return;
    const colour = colours[i % colours.length] ?? '#000';
    out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${line.map((q) => `${sx(q.limit).toFixed(1)},${sy(p.value(q)).toFixed(1)}`).join(' ')}"/>`);
    for (const q of line) out.push(`<circle cx="${sx(q.limit).toFixed(1)}" cy="${sy(p.value(q)).toFixed(1)}" r="2.5" fill="${colour}"/>`);
  });
  return out;
}

export function migrationsSvg(points: readonly ChartPoint[], title: string): string {
  const options = [...new Set(points.map((p) => p.option))];
  const vmCounts = [...new Set(points.map((p) => p.vmCount))].sort((a, b) => a - b);
  const limits = [...new Set(points.map((p) => p.limit))].sort((a, b) => a - b);
  const width = panel.left + options.length * (panel.width + panel.gapX) + 90;
  const height = panel.top + 2 * (panel.height + panel.gapY) + 10;
  const body: string[] = [`<text x="${panel.left}" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`];
  options.forEach((option, column) => {
    const x = panel.left + column * (panel.width + panel.gapX);
    const mine = points.filter((p) => p.option === option);
    const common = { x, points: mine, vmCounts, limits };
    // The protected-network case is a panel of its own: node01 evacuated after a NIC failure.
    const evacuation = option === protectedCaseName;
    body.push(...drawPanel({ ...common, y: panel.top + 16, title: `${option}: time to ${evacuation ? 'evacuate' : 'drain'} node01`, yLabel: `${evacuation ? 'evacuation' : 'drain'} time (s)`, value: (p) => p.drainS }));
    body.push(...drawPanel({ ...common, y: panel.top + 16 + panel.height + panel.gapY, title: `${option}: mean blackout`, yLabel: 'blackout (ms)', value: (p) => p.blackoutMs }));
  });
  const legendX = width - 80;
  vmCounts.forEach((vmCount, i) => {
    const y = panel.top + 30 + i * 18;
    body.push(`<line x1="${legendX}" x2="${legendX + 18}" y1="${y}" y2="${y}" stroke="${colours[i % colours.length] ?? '#000'}" stroke-width="2"/>`, `<text x="${legendX + 22}" y="${y + 4}" font-size="11">${vmCount} VMs</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** Writes the SVG and the PNG beside it; returns both paths. */
export function writeMigrationsChart(svgPath: string, svg: string): { svg: string; png: string } {
  mkdirSync(dirname(svgPath), { recursive: true });
  writeFileSync(svgPath, `${svg}\n`);
  const png = svgPath.replace(/\.svg$/, '') + '.png';
  const rendered = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render();
  writeFileSync(png, rendered.asPng());
  return { svg: svgPath, png };
}
