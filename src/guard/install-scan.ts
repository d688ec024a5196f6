import { scanTarget } from "../skills/scan.js";

const RANK = { clean: 0, review: 1, incomplete: 2, suspicious: 3, malicious: 4 } as const;

/** before_install: the skill scanner's verdict for what is about to be installed (worst of its reports). */
export async function scanForInstall(
  sourcePath: string,
): Promise<{ verdict: string; findings: Array<{ id: string; title: string; severity: string }> }> {
  try {
    const reports = await scanTarget(sourcePath);
    if (!reports.length) return { verdict: "incomplete", findings: [] };
    const worst = reports.reduce((a, b) => (RANK[b.verdict] > RANK[a.verdict] ? b : a));
    return {
      verdict: worst.verdict,
      findings: reports
        .flatMap((r) => r.findings)
        .map((f) => ({ id: f.rule, title: f.title, severity: f.severity })),
    };
  } catch (error) {
    return {
      verdict: "incomplete",
      findings: [{ id: "scan-error", title: (error as Error).message.slice(0, 200), severity: "high" }],
    };
  }
}
