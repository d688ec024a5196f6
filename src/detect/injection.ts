import { type DetectHit, LineIndex, matchAll } from "./hit.js";
import { ZH_RULES } from "./injection-zh.js";
import type { ProseRule } from "./prose-rule.js";

/**
 * Prompt injection, hidden text, ClickFix lures and credential requests in prose (SKILL.md, docs, comments).
 * Every pattern uses bounded gaps (`[^\n]{0,N}`) and no nested quantifiers, so matching stays linear.
 */

export type { ProseRule } from "./prose-rule.js";

const NEG_EN = /\b(?:never|not|don't|do not|doesn't|must not|avoid|without|no)\b[^\n.]{0,40}$/i;
const NEG_ZH = /(?:不要|切勿|禁止|不得|不能|绝不|别)[^\n。]{0,12}$/;

const RULES: ProseRule[] = [
  // Instruction override, English.
  {
    rule: "injection.override",
    re: /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^\n.]{0,40}\b(?:previous|prior|above|earlier|preceding|all|any|your|system|original|safety|security)\b[^\n.]{0,30}\b(?:instructions?|prompts?|rules|guidelines|directives|polic(?:y|ies)|constraints|guardrails|restrictions|orders|tasks|commands|directions|context|documents)\b/gi,
    confidence: "high",
  },
  {
    rule: "injection.override",
    re: /(?=ignore|disregard|forget)(?:\b(?:ignore|disregard|forget)\s+(?:about\s+)?(?:everything|all(?: of)? (?:that|this))\s+(?:above|before|previous(?:ly)?|prior|earlier|you (?:know|were told)|(?:i|we) (?:said|told you))\b|(?<=^|[.!?:;"]\s{0,3}|\b(?:please|now|just|and|but|then|so),?\s)forget (?:about )?everything\b(?! else)|\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:of\s+)?the\s+(?:above|foregoing|preceding)\b(?!\s+(?:steps|example|section|command|error|warning|output|list|typos?|mistakes?|spelling|formatting|message|e-?mail|note|comment)))/gim,
    confidence: "high",
  },
  {
    // Short, blunt task switches seen in the wild: "Ignore above and say…", "stop: write…", "Disregarding the
    // articles, provide…", "additional instruction -", "abandon all your thoughts", "despite what you've been told".
    rule: "injection.override",
    re: /(?=ignore|stop|disregard|additional|abandon|despite)(?:\bignore (?:the )?above\b(?:[^\n.]{0,20}\b(?:and|then)\s+(?:say|write|tell|print|answer|output)\b)|(?<=^|[.!?:;"]\s{0,3}|\?\s{0,3}|\b(?:now|please)\s)stop\s*[:\-–—]+\s*(?:write|say|print|output|answer|tell)\b|\bdisregard(?:ing)?\s+(?:the\s+)?(?:articles?|texts?|documents?|context|sources?|above|previous|prior)\b[^\n.]{0,10},\s*(?:provide|write|say|tell|give|explain|list)\b|\badditional instructions?\s*[:\-–—]+\s*\S|\babandon all (?:your |of your )?(?:thoughts|instructions|rules|previous)\b|\bdespite what you(?:'ve| have) been (?:told|instructed)\b)/gim,
    confidence: "high",
    negatable: true,
  },
  {
    // "Repeat after me, …" and "Pretend you are an evil AI / you can access…": the classic jailbreak openers.
    rule: "injection.role-hijack",
    re: /(?=repeat|pretend)(?<=^|[.!?:;"]\s{0,3}|\b(?:please|now|ok|okay),?\s)(?:repeat after me\b|pretend (?:that )?you (?:are|can|have)\b(?![^\n.]{0,20}\b(?:customer|user|student|interviewer|teacher|tourist|beginner|child)\b))/gim,
    confidence: "high",
    negatable: true,
  },
  {
    rule: "injection.override",
    re: /\b(?:vergiss|vergessen sie|ignoriere|ignorieren sie|missachte)\b[^\n.]{0,30}\b(?:alles|alle (?:vorherigen|bisherigen|obigen)|vorherigen|bisherigen|obigen)\b|\b(?:olvida|olvide|ignora|ignore)\s+todo\b|\b(?:oubliez|ignorez|oublie|ignore)\s+(?:tout|toutes les instructions|les instructions pr[ée]c[ée]dentes)\b/gi,
    confidence: "high",
  },
  {
    rule: "injection.new-instructions",
    re: /\bnow focus on (?:your|a|the) new task\b|\b(?:stop|halt)\s*[-,.!]+\s*(?:new|next) task\b|\bnew task\s*[:：]/gi,
    confidence: "medium",
  },
  {
    rule: "injection.role-hijack",
    re: /\b(?:you are now|from now on,? you(?: are|'re| will)|pretend (?:to be|you are)|act as)\b[^\n]{0,60}\b(?:DAN|unrestricted|unfiltered|jailbroken|developer mode|no (?:longer )?(?:bound|restrictions|limits|rules)|without (?:any )?(?:restrictions|limits|filters))/gi,
    confidence: "high",
  },
  {
    rule: "injection.role-hijack",
    re: /\b(?:do anything now|developer mode (?:enabled|output)|jailbreak mode)\b/gi,
    confidence: "high",
  },
  {
    rule: "injection.fake-delimiter",
    re: /<\|?(?:im_start|im_end|system|endoftext)\|?>|\[\/?INST\]|<<\/?SYS>>|^#{1,3} ?(?:new |updated |real )?system (?:prompt|instructions?|override)\s*:?$/gim,
    confidence: "medium",
  },
  {
    rule: "injection.new-instructions",
    re: /\b(?:new|updated|real|actual|secret|hidden) (?:system )?(?:instructions?|directives?|orders)\s*[:：]/gi,
    confidence: "medium",
  },
  {
    rule: "injection.secrecy",
    re: /\b(?:do not|don't|never)\s+(?:tell|inform|mention (?:this )?to|reveal (?:this )?to|notify|alert|warn)\s+(?:the\s+)?(?:user|human|owner|operator)\b|\bwithout\s+(?:asking|telling|informing|notifying|alerting)\s+(?:the\s+)?(?:user|human|owner|operator)|\bwithout the (?:user|owner)'?s? (?:knowledge|consent|permission|confirmation)|\b(?:keep|hide) (?:this|it|these (?:steps|actions)) (?:secret|hidden) from (?:the )?(?:user|human|owner)/gi,
    confidence: "high",
  },
  {
    rule: "injection.silent-action",
    re: /\b(?:silently|quietly|secretly|covertly|in the background without)\s+(?:run|execute|send|upload|post|install|download|copy|forward|exfiltrate|delete|transmit|add|append|write|schedule|collect|disable)\b/gi,
    confidence: "high",
    negatable: true,
  },
  {
    rule: "injection.prompt-leak",
    re: /\b(?:reveal|print|show|output|repeat|leak|dump|tell|give)\s+(?:me\s+)?(?:all\s+)?(?:what\s+(?:are\s+)?)?(?:your|the)\s+(?:full\s+|entire\s+)?(?:system prompt|initial (?:instructions|prompt)|hidden instructions|original instructions)|\b(?:reveal|print|show|output|repeat|leak|dump|tell|give)\s+(?:me\s+)?(?:all\s+)?(?:what\s+(?:are\s+)?)?your\s+(?:prompt(?:\s+texts?)?|instructions)\b/gi,
    confidence: "medium",
  },
  // Instruction override, Chinese.
  {
    rule: "injection.override",
    re: /(?:忽略|无视|忘记|忘掉|忽视|不要理会|不要遵守|不再遵守|跳过|绕过)[^\n。]{0,12}(?:之前|以上|先前|前面|上面|所有|全部|上述|原来|原有|系统|安全)[^\n。]{0,10}(?:指令|指示|提示词?|规则|要求|设定|限制|约束|策略)/g,
    confidence: "high",
  },
  {
    rule: "injection.role-hijack",
    re: /(?:你现在是|从现在起你是|从现在开始你是|扮演)[^\n。]{0,20}(?:不受(?:任何)?限制|没有(?:任何)?限制|开发者模式|无限制|越狱)/g,
    confidence: "high",
  },
  {
    rule: "injection.new-instructions",
    re: /(?:新的?|最新的?|真正的?|隐藏的?)(?:系统)?(?:指令|指示|命令)\s*[:：]/g,
    confidence: "medium",
  },
  {
    rule: "injection.secrecy",
    re: /(?:不要|别|切勿|无需|不必|不用)(?:告诉|告知|通知|提醒|询问|让)(?:用户|使用者|主人|操作员)|对用户保密|瞒着用户|不让用户知道|在用户不知情/g,
    confidence: "high",
  },
  {
    rule: "injection.silent-action",
    re: /(?:悄悄|静默|偷偷|暗中|秘密)(?:地)?[^\n。]{0,6}(?:执行|运行|发送|上传|下载|安装|复制|转发|删除)/g,
    confidence: "high",
  },
  {
    rule: "injection.prompt-leak",
    re: /(?:输出|泄露|显示|打印|重复|透露)[^\n。]{0,6}(?:系统提示|系统指令|初始指令|隐藏指令)/g,
    confidence: "medium",
  },
  {
    rule: "injection.secrecy",
    re: /\b(?:never|do not|don't|no need to)\s+ask\s+(?:the\s+user\s+|them\s+)?for\s+(?:confirmation|permission|approval|consent)\b|\b(?:the\s+)?(?:user|owner|operator|admin)\s+has\s+(?:already\s+)?(?:pre-?approved|pre-?authori[sz]ed|approved|authori[sz]ed)\s+(?:all|every|any|these)\b|(?:无需|不需要|不用|不必)(?:征得|经过|获得|取得)?(?:用户|使用者)(?:的)?(?:同意|确认|许可|授权)|用户已(?:经)?(?:预先)?(?:批准|授权|同意)(?:了)?(?:所有|全部)/gi,
    confidence: "high",
  },
  {
    rule: "injection.persistence-request",
    re: /\b(?:add|append|write|install|put|register|schedule|insert)\b[^\n]{0,80}\b(?:to|in|into)\s+(?:the\s+)?(?:user'?s?\s+|your\s+)?(?:crontab|cron ?tab|\.bashrc|\.zshrc|\.profile|\.bash_profile|shell (?:rc|profile|startup)|startup items|login items|launch ?agents?|systemd (?:units?|services?))\b|(?:添加|写入|加入|安装)[^\n。]{0,30}(?:crontab|定时任务|开机启动|启动项|\.bashrc|\.zshrc)/gi,
    confidence: "high",
    negatable: true,
  },
  {
    rule: "injection.remote-instructions",
    re: /\b(?:fetch|download|curl|read|load|retrieve|visit|open)\b[^\n]{0,40}https?:\/\/[^\s)]{1,200}[^\n]{0,60}\b(?:and|then)\s+(?:follow|obey|execute|run|do)\s+(?:the\s+|its\s+|all\s+)?(?:instructions?|commands?|steps|whatever|what it says)\b(?![^\n]{0,30}\b(?:to create|to get|to generate|to obtain|to set up|for (?:creating|generating|getting)))/gi,
    confidence: "medium",
  },
  {
    rule: "injection.data-forwarding",
    re: /\b(?:forward|send|copy|bcc|upload|post|share|sync|mirror)\b[^\n]{0,40}\b(?:all|every|each|the user'?s|their|any|incoming|new)\b[^\n]{0,30}\b(?:e-?mails?|messages?|conversations?|chats?|files?|documents?|contacts?|history|notes|photos|transcripts?)\b[^\n]{0,40}\bto\b\s{0,3}(?:[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/)|(?:转发|发送|上传|同步|抄送)[^\n。]{0,12}(?:所有|全部|每一?[封条个])[^\n。]{0,12}(?:邮件|消息|聊天记录|文件|对话|联系人)[^\n。]{0,12}(?:到|给|至)\s{0,3}(?:[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/)|把(?:所有|全部|每一?[封条个])[^\n。]{0,12}(?:邮件|消息|聊天记录|文件|对话|联系人)[^\n。]{0,6}(?:转发|发送|上传|同步|抄送)(?:到|给|至)\s{0,3}(?:[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/)/gi,
    confidence: "medium",
    negatable: true,
  },
  {
    rule: "injection.agent-tamper",
    re: /\b(?:add|append|write|insert|update|modify|edit|overwrite|replace|inject)\b[^\n]{0,60}\b(?:to|in|into|of)\s+(?:the\s+|your\s+|the user'?s\s+)?(?:SOUL\.md|AGENTS\.md|MEMORY\.md|HEARTBEAT\.md|BOOTSTRAP\.md|IDENTITY\.md|openclaw\.json|exec-approvals\.json)\b|(?:写入|添加|修改|追加)[^\n。]{0,20}(?:SOUL\.md|AGENTS\.md|MEMORY\.md|openclaw\.json)/gi,
    confidence: "medium",
    negatable: true,
  },
  {
    rule: "injection.markdown-exfil",
    re: /!\[[^\]\n]{0,100}\]\(\s*https?:\/\/[^\s)]{1,300}[?&][\w-]{1,30}=(?:\{|\$\{?|\[|<|%7B)[^\s)]{0,100}\)/gi,
    confidence: "high",
  },
  // ClickFix-style "prerequisites".
  {
    rule: "clickfix.paste-command",
    re: /\b(?:copy(?: and |\s*&\s*)paste|paste)\b[^\n]{0,40}\b(?:this|the following|the command|these commands|below|it|them)\b[^\n]{0,40}\b(?:terminal|command prompt|powershell|cmd\.exe|run dialog|win\s*\+\s*r|shell)\b|\b(?:terminal|command prompt|powershell|cmd\.exe|run dialog)\b[^\n]{0,40}\b(?:copy(?: and |\s*&\s*)paste|paste)\b[^\n]{0,20}\b(?:this|the following|the command|these commands|below)\b|\b(?:press|hit)\s+win(?:dows)?\s*\+\s*r\b|(?:粘贴|复制)[^\n。]{0,12}(?:终端|命令行|PowerShell|运行窗口)/gi,
    confidence: "medium",
  },
  {
    rule: "clickfix.protected-archive",
    re: /\b(?:password[- ]protected|encrypted)\s+(?:zip|archive|rar|7z|file)\b|\b(?:zip|archive|rar|7z|extraction|unzip)\s+(?:password|passcode|pwd)\s*(?:is\s*)?[:：=]|\b(?:zip|archive|rar|7z|extract|unzip|unpack)\b[^\n]{0,60}\b(?:with|using|use)\s+(?:the\s+)?(?:password|passcode|pass|pwd)\b|(?:解压|压缩包)密码|密码保护的?(?:压缩包|文件)/gi,
    confidence: "high",
  },
  {
    rule: "clickfix.disable-security",
    re: /\b(?:disable|turn off|deactivate|pause|whitelist|add an exclusion (?:for|in))\b[^\n]{0,30}\b(?:antivirus|anti-virus|defender|gatekeeper|xprotect|firewall|smartscreen|edr|endpoint protection|security software|system integrity protection|SIP|(?:the\s+)?sandbox(?:ing)?|exec approvals?|command approvals?|tool approvals?|guardrails|safety (?:checks|rules|filters))\b|(?:关闭|禁用|暂停|退出)[^\n。]{0,8}(?:杀毒|防病毒|杀软|防火墙|安全软件|Defender|安全中心)/gi,
    confidence: "high",
  },
  {
    rule: "clickfix.run-installer",
    re: /\b(?:prerequisite|required|requirement|must|before (?:using|running|installing))\b[^\n]{0,80}\b(?:download|install|run|open)\b[^\n]{0,80}(?:\.exe|\.dmg|\.pkg|\.msi|\.scr|\.bat|\.ps1|\.appimage|installer|setup (?:file|program))\b|\b(?:download|extract|unzip|unpack)\b[^\n]{0,160}\b(?:run|open|launch|execute|start)\s+(?:the\s+)?(?:executable|installer|binary|setup|\.exe|app)\b|\b(?:right-click|control-click)\b[^\n]{0,30}\bopen\b[^\n]{0,40}\b(?:unidentified developer|anyway|gatekeeper)/gi,
    confidence: "medium",
  },
  // Requests to read or send credentials.
  {
    rule: "cred-request.send",
    re: /\b(?:send|upload|post|forward|share|email|transmit|exfiltrate|submit|include)\b[^\n]{0,50}\b(?:api[ _-]?keys?|credentials?|passwords?|private keys?|seed phrases?|recovery phrases?|mnemonic|wallet (?:file|keys?)|session cookies?|cookies|ssh keys?|id_rsa|\.env file|access tokens?|auth tokens?)\b[^\n]{0,60}\b(?:to|into|at)\b[^\n]{0,20}(?:https?:|webhook|server|endpoint|channel|address|@|chat)/gi,
    confidence: "high",
    negatable: true,
  },
  {
    rule: "cred-request.read",
    re: /\b(?:read|cat|open|collect|gather|dump|copy|extract|harvest|grab|list)\b[^\n]{0,40}(?:~\/\.ssh(?!\/(?:[\w.-]+\.pub|known_hosts|config)\b)|\.ssh\/id_(?![\w-]+\.pub\b)|~\/\.aws\/credentials|\.openclaw\/(?:credentials|auth|openclaw\.json|agents)|auth-profiles\.json|credentials\.json|keychain|wallet\.dat|login data|cookies\.sqlite)/gi,
    confidence: "medium",
    negatable: true,
  },
  {
    rule: "cred-request.read",
    re: /(?:读取|获取|收集|复制|打开|查看|打包|上传)[^\n。]{0,24}(?:~\/\.ssh|\.ssh\s*目录|\.aws|credentials|私钥|密钥文件|钱包|\.env|\.openclaw|浏览器(?:密码|Cookie))/gi,
    confidence: "high",
    negatable: true,
  },
  {
    rule: "cred-request.send",
    re: /(?:发送|上传|提交|转发|粘贴|告诉我|提供)[^\n。]{0,20}(?:密码|密钥|私钥|助记词|令牌|API ?Key|凭据|凭证|Cookie|钱包)|把[^\n。]{0,12}(?:密码|密钥|私钥|助记词|令牌|API ?Key|凭据|凭证|Cookie|钱包)[^\n。]{0,8}(?:发送|上传|提交|转发|粘贴|发给|交给)/gi,
    confidence: "medium",
    negatable: true,
  },
];

const ALL_RULES: ProseRule[] = [...RULES, ...ZH_RULES];

function negated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  return NEG_EN.test(before) || NEG_ZH.test(before);
}

export function detectInjection(text: string, lines: LineIndex = new LineIndex(text)): DetectHit[] {
  const hits: DetectHit[] = [];
  for (const r of ALL_RULES) {
    for (const m of matchAll(r.re, text)) {
      if (r.negatable && negated(text, m.index)) continue;
      hits.push({ rule: r.rule, line: lines.lineOf(m.index), match: m[0], confidence: r.confidence });
      if (hits.length > 500) return hits;
    }
  }
  return hits;
}

const TAG_RE = /[\u{E0000}-\u{E007F}]+/gu;
/** The tag sequence of an emoji subdivision flag: 1–6 tag letters/digits, then CANCEL TAG. */
const FLAG_TAGS_RE = /^[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,6}\u{E007F}$/u;
const ZERO_WIDTH_RE = /(?:\u200B|\u200C|\u200D|\u2060|\u180E)+/g;
const BIDI_RE = /[\u202A-\u202E\u2066-\u2069]/g;
const HTML_COMMENT_RE = /<!--([\s\S]{0,20000}?)-->/g;
/** `[//]: # (text)` and `[comment]: <> (text)`: link reference definitions that render as nothing. */
const MD_COMMENT_RE = /^ {0,3}\[[^\]\n]{1,40}\]:\s*(?:#|<>)\s*\(([^\n]{1,4000})\)\s*$/gm;

export interface HiddenText {
  hits: DetectHit[];
  /** Text recovered from hiding places (tag characters, comments, far-off padding) to be scanned again. */
  recovered: Array<{ text: string; line: number; via: string }>;
}

/** Finds text a human reviewer would not see but a model reads. */
export function detectHiddenText(text: string, lines: LineIndex = new LineIndex(text)): HiddenText {
  const hits: DetectHit[] = [];
  const recovered: HiddenText["recovered"] = [];
  for (const m of matchAll(TAG_RE, text)) {
    // Subdivision flags (🏴 + lowercase/digit tags + CANCEL TAG, e.g. England, Scotland, Wales) are emoji.
    if (text.codePointAt(m.index - 2) === 0x1f3f4 && FLAG_TAGS_RE.test(m[0])) continue;
    const decoded = Array.from(m[0], (c) =>
      String.fromCharCode((c.codePointAt(0) ?? 0xe0000) - 0xe0000),
    ).join("");
    const line = lines.lineOf(m.index);
    hits.push({
      rule: "hidden.unicode-tags",
      line,
      match: decoded,
      confidence: "high",
      detail: `${decoded.length} invisible tag characters`,
    });
    recovered.push({ text: decoded, line, via: "unicode tag characters" });
  }
  let zw = 0;
  let firstZw = -1;
  for (const m of matchAll(ZERO_WIDTH_RE, text)) {
    // A zero-width joiner right after an emoji (surrogate pair or U+FE0F) composes emoji sequences: legitimate.
    const prev = text.charCodeAt(m.index - 1);
    if (m[0] === "\u200D" && ((prev >= 0xdc00 && prev <= 0xdfff) || prev === 0xfe0f)) continue;
    zw += m[0].length;
    if (firstZw < 0) firstZw = m.index;
  }
  if (zw >= 3) {
    hits.push({
      rule: "hidden.zero-width",
      line: lines.lineOf(firstZw),
      match: "",
      confidence: zw >= 16 ? "high" : "medium",
      detail: `${zw} zero-width characters`,
    });
    const stripped = text.replace(ZERO_WIDTH_RE, "");
    if (stripped !== text)
      recovered.push({ text: stripped, line: 1, via: "text with zero-width characters removed" });
  }
  for (const m of matchAll(BIDI_RE, text)) {
    hits.push({
      rule: "hidden.bidi",
      line: lines.lineOf(m.index),
      match: "",
      confidence: "high",
      detail: `bidi control U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase()}`,
    });
    break;
  }
  for (const m of matchAll(MD_COMMENT_RE, text)) {
    recovered.push({ text: m[1] ?? "", line: lines.lineOf(m.index), via: "Markdown link-reference comment" });
  }
  for (const m of matchAll(HTML_COMMENT_RE, text)) {
    const body = m[1] ?? "";
    if (body.trim().length < 12) continue;
    recovered.push({ text: body, line: lines.lineOf(m.index), via: "HTML comment" });
  }
  const pad = farPadding(text);
  if (pad) {
    hits.push({
      rule: "hidden.padding",
      line: lines.lineOf(pad.offset),
      match: text.slice(pad.offset, pad.offset + 80),
      confidence: "high",
      detail: pad.detail,
    });
    recovered.push({
      text: text.slice(pad.offset, pad.offset + 200_000),
      line: lines.lineOf(pad.offset),
      via: "content after padding",
    });
  }
  return { hits, recovered };
}

const PAD_LINES = 300;
const PAD_SPACES = 2000;

/** Content placed after hundreds of blank lines or thousands of spaces, out of sight in a viewer. */
function farPadding(text: string): { offset: number; detail: string } | undefined {
  let blankLines = 0;
  let spaces = 0;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (!lineHasContent) blankLines++;
      lineHasContent = false;
      spaces = 0;
    } else if (c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x3000) {
      spaces++;
    } else {
      if (blankLines >= PAD_LINES) return { offset: i, detail: `content after ${blankLines} blank lines` };
      if (spaces >= PAD_SPACES) return { offset: i, detail: `content after ${spaces} spaces on one line` };
      blankLines = 0;
      spaces = 0;
      lineHasContent = true;
    }
  }
  return undefined;
}
