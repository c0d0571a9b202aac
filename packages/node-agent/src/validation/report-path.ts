// Where the report goes and what it is called. Test-Cluster names its report after the local time
// it started, "Validation Report 2019.03.04 At 12.17.33.htm" (seen in real output; 2008 R2 named
// it "Test-Cluster on … At ….mht"), and each validated node keeps a copy under
// C:\Windows\Cluster\Reports. PowerShell prints the path of the copy it wrote (by default in the
// user's temp folder; the lab uses the Reports folder, where Failover Cluster Manager lists them).
// -ReportName gives the path without the extension, which is added: "c:\cluster-test" is written
// as "c:\cluster-test.htm".
import { clusterReportsDirectory } from '../cluster-log/get-cluster-log.js';
import { pad2, wallTimeOf, type WallClock } from '../cluster-log/wall-clock.js';

export { clusterReportsDirectory };

export function validationReportFileName(clock: WallClock, startedAtMs: number): string {
  const t = wallTimeOf(clock, startedAtMs);
  return `Validation Report ${t.year}.${pad2(t.month)}.${pad2(t.day)} At ${pad2(t.hour)}.${pad2(t.minute)}.${pad2(t.second)}.htm`;
}

export function validationReportPath(o: { clock: WallClock; startedAtMs: number; reportName?: string | undefined; directory?: string }): string {
  if (o.reportName !== undefined && o.reportName !== '') return /\.html?$/i.test(o.reportName) ? o.reportName : `${o.reportName}.htm`;
  return `${(o.directory ?? clusterReportsDirectory).replace(/\\+$/, '')}\\${validationReportFileName(o.clock, o.startedAtMs)}`;
}
