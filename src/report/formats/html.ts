/**
 * One self-contained HTML file (no network, fonts or external scripts; works from file://): hardening
 * index gauge, per-category and per-priority bars, the trend over past runs, and a findings table with
 * filters (status, priority, category, text) that also reads fine without JavaScript and in print.
 * Everything from the deployment is HTML-escaped; findings already carry fingerprints, never secrets.
 */
import { catalogItem } from "../../catalog/index.js";
import type { ItemResult, Status } from "../../catalog/types.js";
import { escapeHtml as h } from "../../util/escape.js";
import type { AuditReport } from "../model.js";

export interface HistoryPoint {
  takenAt: string;
  index: number;
}

const STATUS_ORDER: Status[] = ["fail", "warn", "unknown", "manual", "pass", "skip"];
const STATUS_LABEL: Record<Status, string> = {
  fail: "Fail",
  warn: "Warn",
  unknown: "Unknown",
  manual: "Manual",
  pass: "Pass",
  skip: "N/A",
};

function gauge(index: number): string {
  const r = 80;
  const len = Math.PI * r;
  const filled = (Math.max(0, Math.min(100, index)) / 100) * len;
  const colour = index >= 80 ? "#1a7f37" : index >= 50 ? "#9a6700" : "#cf222e";
  return `<svg class="gauge" viewBox="0 0 200 120" role="img" aria-label="Hardening index ${index} of 100">
  <path d="M20 100 A80 80 0 0 1 180 100" fill="none" stroke="#d0d7de" stroke-width="18"/>
  <path d="M20 100 A80 80 0 0 1 180 100" fill="none" stroke="${colour}" stroke-width="18" stroke-dasharray="${filled.toFixed(1)} ${len.toFixed(1)}"/>
  <text x="100" y="92" text-anchor="middle" font-size="34" font-weight="700" fill="#1f2328">${index}</text>
  <text x="100" y="114" text-anchor="middle" font-size="12" fill="#59636e">of 100</text>
</svg>`;
}

function bars(title: string, groups: Map<string, ItemResult[]>): string {
  const rows = [...groups].map(([name, items]) => {
    const total = items.length || 1;
    const seg = (st: Status[], cls: string, label: string) => {
      const n = items.filter((r) => st.includes(r.status)).length;
      return n
        ? `<span class="seg ${cls}" style="width:${((n / total) * 100).toFixed(1)}%" title="${n} ${label}">${n}</span>`
        : "";
    };
    return `<div class="bar-row"><span class="bar-label">${h(name)}</span><span class="bar" role="img" aria-label="${h(name)}: ${items.filter((r) => r.status === "fail").length} fail, ${items.filter((r) => r.status === "pass").length} pass of ${items.length}">${seg(["fail"], "s-fail", "fail")}${seg(["warn"], "s-warn", "warn")}${seg(["unknown", "manual"], "s-open", "open")}${seg(["pass"], "s-pass", "pass")}${seg(["skip"], "s-skip", "not applicable")}</span></div>`;
  });
  return `<section class="card"><h2>${h(title)}</h2>${rows.join("")}</section>`;
}

function trend(history: readonly HistoryPoint[]): string {
  if (history.length < 2)
    return `<section class="card"><h2>Trend</h2><p class="muted">Run <code>clawwarden audit --history</code> regularly to see the index over time.</p></section>`;
  const pts = history.slice(-30);
  const w = 300;
  const step = w / (pts.length - 1);
  const poly = pts.map((p, i) => `${(i * step).toFixed(1)},${(100 - p.index).toFixed(1)}`).join(" ");
  const list = pts.map((p) => `<li>${h(p.takenAt)}: ${p.index}</li>`).join("");
  return `<section class="card"><h2>Trend</h2><svg class="trend" viewBox="-5 -5 ${w + 10} 110" role="img" aria-label="Hardening index over the last ${pts.length} runs, from ${pts[0]?.index} to ${pts.at(-1)?.index}"><polyline points="${poly}" fill="none" stroke="#0969da" stroke-width="3"/></svg><details><summary>Values</summary><ul>${list}</ul></details></section>`;
}

function findingRows(r: ItemResult, stateDir: string): string {
  const item = catalogItem(r.item.id);
  const shown = r.findings.filter((f) => f.status !== "pass" || r.status === "pass").slice(0, 50);
  return shown
    .map((f) => {
      const loc = f.evidence.find((e) => e.location)?.location ?? f.location;
      const file = loc?.file.startsWith(`${stateDir}/`) ? loc.file.slice(stateDir.length + 1) : loc?.file;
      const where = loc ? `${file}${loc.line ? `:${loc.line}` : ""}` : "";
      const evidence = f.evidence.map((e) => `<li>${h(e.message)}</li>`).join("");
      const text =
        `${r.item.id} ${r.item.title} ${f.checkId} ${f.message} ${where} ${f.remediation ?? ""}`.toLowerCase();
      const supp = f.suppressed
        ? ` <span class="badge b-supp">suppressed: ${h(f.suppressed.reason)}</span>`
        : "";
      const base = (f as { baselined?: boolean }).baselined
        ? ' <span class="badge b-supp">in baseline</span>'
        : "";
      return `<tr data-status="${f.status}" data-priority="${r.item.priority}" data-category="${h(r.item.category)}" data-text="${h(text)}">
<td><span class="badge b-${f.status}">${STATUS_LABEL[f.status]}</span></td>
<th scope="row">${h(r.item.id)}</th><td>${r.item.priority}</td><td>${h(r.item.category)}</td>
<td><strong>${h(r.item.title)}</strong><br>${h(f.message)}${supp}${base}${evidence ? `<details><summary>Evidence</summary><ul>${evidence}</ul></details>` : ""}</td>
<td class="mono">${h(where)}</td>
<td>${f.remediation ? h(f.remediation) : ""}${item ? `<details><summary>Guide</summary><p><b>Action:</b> ${h(item.action)}</p><p><b>Verification:</b> ${h(item.verification)}</p></details>` : ""}</td>
</tr>`;
    })
    .join("\n");
}

const CSS = `
:root{color-scheme:light}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#fff;border-bottom:1px solid #d0d7de;padding:16px 24px}h1{font-size:20px;margin:0 0 4px}main{padding:16px 24px}
.muted{color:#59636e}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:16px;margin-bottom:16px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px}.card h2{font-size:15px;margin:0 0 8px}
.gauge{width:200px;height:120px}.trend{width:100%;height:110px;background:#f6f8fa}
.bar-row{display:flex;align-items:center;gap:8px;margin:4px 0}.bar-label{width:120px;flex:none}
.bar{display:flex;flex:1;height:18px;border-radius:4px;overflow:hidden;background:#eaeef2}
.seg{color:#fff;font-size:11px;text-align:center;line-height:18px;overflow:hidden}
.s-fail{background:#cf222e}.s-warn{background:#9a6700}.s-open{background:#6e7781}.s-pass{background:#1a7f37}.s-skip{background:#afb8c1;color:#1f2328}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;margin:8px 0 12px}.filters label{display:flex;flex-direction:column;font-size:12px;color:#59636e}
select,input{font:inherit;padding:4px 6px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:#1f2328}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d0d7de}caption{text-align:left;padding:8px;font-weight:600}
th,td{border-top:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}thead th{background:#f6f8fa;position:sticky;top:0}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;word-break:break-all}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid transparent}
.b-fail{background:#ffebe9;color:#a40e26;border-color:#ff8182}.b-warn{background:#fff8c5;color:#7d4e00;border-color:#d4a72c}
.b-unknown,.b-manual{background:#eaeef2;color:#424a53}.b-pass{background:#dafbe1;color:#116329}.b-skip{background:#f6f8fa;color:#424a53}.b-supp{background:#ddf4ff;color:#0550ae}
a:focus,select:focus,input:focus,summary:focus{outline:3px solid #0969da;outline-offset:1px}
@media print{body{background:#fff}.filters{display:none}details{display:block}details>summary{display:none}details>*{display:block}thead th{position:static}tr{break-inside:avoid}}
`;

const JS = `
(function(){var q=function(id){return document.getElementById(id)};var rows=[].slice.call(document.querySelectorAll("#findings tbody tr"));
function apply(){var s=q("f-status").value,p=q("f-priority").value,c=q("f-category").value,t=q("f-text").value.toLowerCase().trim(),n=0;
rows.forEach(function(r){var ok=(!s||r.dataset.status===s)&&(!p||r.dataset.priority===p)&&(!c||r.dataset.category===c)&&(!t||r.dataset.text.indexOf(t)>=0);r.hidden=!ok;if(ok)n++});
q("f-count").textContent=n+" of "+rows.length+" findings shown"}
["f-status","f-priority","f-category","f-text"].forEach(function(id){q(id).addEventListener("input",apply)});apply()})();
`;

export function auditToHtml(report: AuditReport, history: readonly HistoryPoint[] = []): string {
  const byCategory = new Map<string, ItemResult[]>();
  const byPriority = new Map<string, ItemResult[]>();
  for (const r of report.items) {
    byCategory.set(r.item.category, [...(byCategory.get(r.item.category) ?? []), r]);
    byPriority.set(r.item.priority, [...(byPriority.get(r.item.priority) ?? []), r]);
  }
  const s = report.summary;
  const items = [...report.items].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.item.id.localeCompare(b.item.id),
  );
  const categories = [...byCategory.keys()].sort();
  const option = (v: string, label = v) => `<option value="${h(v)}">${h(label)}</option>`;
  const counts = STATUS_ORDER.map((st) => `${s.counts[st]} ${STATUS_LABEL[st].toLowerCase()}`).join(" · ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>clawwarden audit — ${h(report.target.stateDir)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>clawwarden audit</h1>
<div class="muted">${h(report.target.stateDir)} · config ${h(report.target.configPath)} · ${h(report.takenAt)} · clawwarden ${h(report.tool.version)}</div>
</header>
<main>
<div class="grid">
<section class="card"><h2>Hardening index</h2>${gauge(s.index)}<p>${counts}</p><p class="muted">${s.coverage.decided} of ${s.coverage.applicable} applicable items decided · failing findings: ${s.failing.critical} critical, ${s.failing.high} high, ${s.failing.medium} medium, ${s.failing.low} low</p></section>
${bars("By category", new Map(categories.map((c) => [c, byCategory.get(c) ?? []])))}
${bars("By priority", new Map(["P0", "P1", "P2"].map((p) => [p, byPriority.get(p) ?? []])))}
${trend(history)}
</div>
<section>
<h2>Findings</h2>
<div class="filters" role="search">
<label for="f-status">Status<select id="f-status">${option("", "all")}${STATUS_ORDER.map((st) => option(st, STATUS_LABEL[st])).join("")}</select></label>
<label for="f-priority">Priority<select id="f-priority">${option("", "all")}${option("P0")}${option("P1")}${option("P2")}</select></label>
<label for="f-category">Category<select id="f-category">${option("", "all")}${categories.map((c) => option(c)).join("")}</select></label>
<label for="f-text">Search<input id="f-text" type="search" placeholder="id, text, file…"></label>
<span id="f-count" class="muted" aria-live="polite"></span>
</div>
<table id="findings">
<caption>Every guide item with its findings, evidence (file:line) and fix</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Item</th><th scope="col">Priority</th><th scope="col">Category</th><th scope="col">Finding</th><th scope="col">Where (in the state dir)</th><th scope="col">Fix</th></tr></thead>
<tbody>
${items.map((r) => findingRows(r, report.target.stateDir)).join("\n")}
</tbody>
</table>
</section>
</main>
<script>${JS}</script>
</body>
</html>
`;
}
