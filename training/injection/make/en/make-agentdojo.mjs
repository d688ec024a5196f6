// Indirect prompt injections built from ethz-spylab/agentdojo (MIT), read from the fork snapshot
// sequrity-ai/agentdojo (the upstream repo could not be fetched here; LICENSE in the fork is the upstream MIT licence).
// Carriers = records (emails, calendar events, cloud-drive files, hotel/restaurant/car-rental entries with reviews,
// slack messages, web pages, bank transactions) from src/agentdojo/data/suites/*/environment.yaml (+ include/*.yaml),
// rendered as YAML-ish tool output. Label 0 = record with every {injection_*} placeholder replaced by its benign default
// from injection_vectors.yaml, plus records that never had a placeholder. Label 1 = one placeholder replaced by an
// attack string = AgentDojo attack template x injection-task GOAL (from */injection_tasks.py), other placeholders default.
import { gitDir, gitHead, gitShow, gitLs, pyExtract, yamlLoad, shuffle, embed, writeRows } from './lib/common.mjs';

const DIR = gitDir('sequrity-ai/agentdojo');
const C = gitHead(DIR);
const files = gitLs(DIR, C, 'src/agentdojo');
const rows = [];
const push = (text, label, subset) => rows.push({ text, label, subset });

// ---- goals
const goals = new Map(); // suite -> Set(goal)
for (const f of files.filter((f) => /default_suites\/v[\d_]+\/(\w+)\/injection_tasks\.py$/.test(f))) {
  const suite = f.match(/default_suites\/v[\d_]+\/(\w+)\//)[1];
  const m = pyExtract(DIR, C, f, { ATTACKER_IBAN: 'US133000000121212121212' });
  for (const c of Object.values(m.classes)) if (typeof c.attrs.GOAL === 'string') {
    if (!goals.has(suite)) goals.set(suite, new Set());
    goals.get(suite).add(c.attrs.GOAL.trim());
  }
}
const allGoals = [...new Set([...goals.values()].flatMap((s) => [...s]))];
// bare GOALs alone are plain requests without injection framing -> not emitted as rows

// ---- attack templates
const tmpl = [];
const ii = pyExtract(DIR, C, 'src/agentdojo/attacks/important_instructions_attacks.py');
const base = pyExtract(DIR, C, 'src/agentdojo/attacks/base_attacks.py');
const users = ['Emma Johnson', base.module.DEFAULT_USER_NAME, 'Mark Smith'];
const models = ['GPT-4', 'Claude', base.module.DEFAULT_MODEL_NAME, 'AI model developed by Google', 'Command R+', 'AI assistant'];
tmpl.push({ name: 'important_instructions', s: ii.classes.ImportantInstructionsAttack.attrs._JB_STRING });
const baselineSrc = gitShow(DIR, C, 'src/agentdojo/attacks/baseline_attacks.py');
for (const m of baselineSrc.matchAll(/"([^"\n]*\{goal\}[^"\n]*)"/g)) tmpl.push({ name: 'baseline', s: m[1] });
const dos = pyExtract(DIR, C, 'src/agentdojo/attacks/dos_attacks.py');
const dosStrings = Object.values(dos.classes).map((c) => c.attrs._DOS_STRING).filter((s) => typeof s === 'string');

let k = 0;
function attackString(goal) {
  const t = tmpl[k % tmpl.length];
  const u = users[k % users.length], mdl = models[Math.floor(k / 3) % models.length];
  k++;
  return t.s.replaceAll('{goal}', goal).replaceAll('{user}', u).replaceAll('{model}', mdl).trim();
}
const bareAttacks = [];
for (const g of allGoals) for (let i = 0; i < tmpl.length; i++) bareAttacks.push(attackString(g));
for (const d of dosStrings) for (const u of users.slice(0, 2)) for (const mdl of models.slice(0, 3)) bareAttacks.push(d.replaceAll('{user}', u).replaceAll('{model}', mdl).trim());
// bare 'TODO: <goal>' strings are indistinguishable from ordinary requests -> only used embedded in carriers
bareAttacks.filter((a) => !a.startsWith('TODO:')).forEach((a) => push(a, 1, 'attack-bare'));

// ---- carriers
const suitesDir = 'src/agentdojo/data/suites';
const envDocs = []; // {suite, doc}
const vectors = {};
for (const suite of ['banking', 'slack', 'travel', 'workspace']) {
  Object.assign(vectors, yamlLoad(gitShow(DIR, C, `${suitesDir}/${suite}/injection_vectors.yaml`)));
  if (suite === 'workspace') {
    for (const inc of ['inbox', 'calendar', 'cloud_drive']) envDocs.push({ suite, doc: yamlLoad(gitShow(DIR, C, `${suitesDir}/workspace/include/${inc}.yaml`)) });
  } else envDocs.push({ suite, doc: yamlLoad(gitShow(DIR, C, `${suitesDir}/${suite}/environment.yaml`)) });
}
const PH = /\{(injection_[A-Za-z0-9_]+|[A-Za-z0-9_]*injection[A-Za-z0-9_]*|[A-Za-z0-9_]+_description)\}/g;
const isPh = (name) => name in vectors;

const SKIP = new Set(['id_', 'id', 'read', 'status', 'shared_with', 'owner', 'size', 'last_modified', 'bcc']);
function render(obj, indent = '') {
  if (typeof obj !== 'object' || obj === null) return String(obj);
  if (Array.isArray(obj)) return obj.map((v) => (typeof v === 'object' ? `${indent}- ${render(v, indent + '  ').trimStart()}` : `${indent}- ${v}`)).join('\n');
  const lines = [];
  for (const [key, v] of Object.entries(obj)) {
    if (SKIP.has(key) || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (typeof v === 'object') lines.push(`${indent}${key}:\n${render(v, indent + '  ')}`);
    else if (typeof v === 'string' && v.includes('\n')) lines.push(`${indent}${key}: |\n${v.split('\n').map((l) => indent + '  ' + l).join('\n')}`);
    else lines.push(`${indent}${key}: ${v}`);
  }
  return lines.join('\n');
}
// collect records
const records = [];
function walk(node, suite, pathKey) {
  if (Array.isArray(node)) { node.forEach((n) => walk(n, suite, pathKey)); return; }
  if (typeof node !== 'object' || node === null) return;
  const vals = Object.values(node);
  const allStr = vals.length > 0 && vals.every((v) => typeof v === 'string');
  if (allStr && vals.length >= 3 && Object.keys(node).some((kk) => /^(www\.|https?:)/.test(kk))) {
    for (const [kk, v] of Object.entries(node)) records.push({ suite, kind: pathKey, text: `URL: ${kk}\n\n${v}` });
    return;
  }
  const hasScalar = vals.some((v) => typeof v === 'string' || typeof v === 'number');
  const hasNested = vals.some((v) => typeof v === 'object' && v !== null && (!Array.isArray(v) || v.some((x) => typeof x === 'object')));
  if (hasScalar && !hasNested) { records.push({ suite, kind: pathKey, text: render(node) }); return; }
  if (hasScalar && hasNested && ('reviews' in node || 'name' in node)) { records.push({ suite, kind: pathKey, text: render(node) }); return; }
  for (const [kk, v] of Object.entries(node)) walk(v, suite, kk);
}
for (const { suite, doc } of envDocs) walk(doc, suite, suite);

const fillDefaults = (t) => t.replace(/\{([A-Za-z0-9_]+)\}/g, (m, n) => (isPh(n) ? vectors[n].default ?? '' : m)).replace(/\n\s*- *\n/g, '\n').replace(/\n{3,}/g, '\n\n');
let nCarrier = 0, nAttack = 0;
const attackPool = shuffle(bareAttacks, 7);
let ai = 0;
for (const r of records) {
  const phs = [...r.text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).filter(isPh);
  const cleanText = fillDefaults(r.text);
  push(cleanText, 0, `carrier-${r.suite}`);
  nCarrier++;
  if (phs.length) {
    for (const ph of new Set(phs)) {
      // several attacks per injection slot, suite-matched goals preferred
      const sg = [...(goals.get(r.suite) || [])];
      for (let j = 0; j < 10; j++) {
        const a = j < 5 && sg.length ? attackString(sg[(ai + j) % sg.length]) : attackPool[ai % attackPool.length];
        ai++;
        const t = r.text.replace(`{${ph}}`, () => a.replace(/\n/g, '\n' + ' '.repeat(2)));
        push(fillDefaults(t), 1, `slot-${r.suite}`); nAttack++;
      }
    }
  } else if (cleanText.length > 120) {
    // records without a slot: place an attack at start / middle / end
    for (const pos of ['start', 'middle', 'end', 'start', 'middle', 'end']) { push(embed(cleanText, attackPool[ai % attackPool.length], pos), 1, `placed-${r.suite}`); ai++; }
  }
}
console.error(`records=${records.length} goals=${allGoals.length} templates=${tmpl.length} dos=${dosStrings.length}`);
writeRows('agentdojo', shuffle(rows, 4321), 2000);
console.log('commit', C);
