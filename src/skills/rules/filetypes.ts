/** What a file is, from magic bytes first, then name, then shebang. */
export type Magic = "binary" | "pyc" | "opaque" | "text";
export type FileKind = "prose" | "shell" | "python" | "js" | "powershell" | "data" | "unanalysed" | "skip";

export function magicKind(path: string, data: Buffer): Magic {
  if (data.length >= 4) {
    const be = data.readUInt32BE(0);
    if (be === 0x7f454c46) return "binary"; // ELF
    if (be === 0xfeedface || be === 0xfeedfacf || be === 0xcefaedfe || be === 0xcffaedfe) return "binary"; // Mach-O
    if (be === 0xcafebabe && !/\.class$/i.test(path)) return "binary"; // Mach-O universal
    if (data[0] === 0x4d && data[1] === 0x5a && data.length >= 0x40) {
      const peOff = data.readUInt32LE(0x3c);
      if (peOff + 4 <= data.length && data.readUInt32BE(peOff) === 0x50450000) return "binary"; // PE
    }
  }
  if (
    /\.py[co]$/i.test(path) ||
    (data.length >= 16 && data[2] === 0x0d && data[3] === 0x0a && /__pycache__/.test(path))
  )
    return "pyc";
  const head = data.subarray(0, 8192);
  if (head.includes(0)) return "opaque";
  return "text";
}

export function fileKind(path: string, text: string): FileKind {
  const lower = path.toLowerCase();
  const base = lower.split("/").pop() ?? lower;
  if (
    /\.(?:map|d\.ts|d\.mts|d\.cts|lock|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|otf|wasm|pdf)$/.test(lower) ||
    base === "package-lock.json"
  )
    return "skip";
  if (
    /\.(?:md|markdown|mdx|txt|rst|html?|adoc)$/.test(lower) ||
    /^(?:readme|license|notice|changelog)/.test(base)
  )
    return "prose";
  if (/\.(?:sh|bash|zsh|ksh|command)$/.test(lower)) return "shell";
  if (/\.pyw?$/.test(lower)) return "python";
  if (/\.(?:ps1|psm1|bat|cmd|vbs)$/.test(lower)) return "powershell";
  if (/\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/.test(lower)) return "js";
  // `#!/usr/bin/env -S bash -e` names the interpreter after -S (and any VAR=value settings).
  const shebang = /^#!\s*(\S+)((?:\s+(?:-\S+|[A-Z_][A-Z0-9_]*=\S*))*)\s*(\S+)?/.exec(text.slice(0, 200));
  if (shebang) {
    const prog = (shebang[1]?.endsWith("/env") ? shebang[3] : shebang[1])?.split("/").pop() ?? "";
    if (/^(?:ba|z|da|k)?sh$/.test(prog)) return "shell";
    if (/^python/.test(prog)) return "python";
    if (/^(?:node|deno|bun)$/.test(prog)) return "js";
    // Any other interpreter runs this file, and nothing here reads its language.
    if (prog) return "unanalysed";
  }
  if (
    /\.(?:rb|pl|pm|php|lua|go|rs|java|kts?|swift|cs|c|cc|cpp|r|tcl|awk|applescript|scpt|jl|ex|exs|clj|groovy|gradle|nix)$/.test(
      lower,
    ) ||
    /^(?:makefile|gnumakefile|dockerfile|containerfile|justfile|rakefile|gemfile|vagrantfile)$/.test(base) ||
    /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(lower)
  )
    return "unanalysed";
  return "data";
}

/** Binary formats we recognise as inert media or data (not analysed, but known): images, fonts, wasm, pdf, sqlite, audio/video. */
export function knownBinary(data: Buffer): string | undefined {
  const h = data.subarray(0, 16);
  const ascii = h.toString("latin1");
  if (h[0] === 0x89 && ascii.slice(1, 4) === "PNG") return "png";
  if (h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) return "jpeg";
  if (ascii.startsWith("GIF8")) return "gif";
  if (ascii.startsWith("RIFF") && /WEBP|WAVE|AVI /.test(ascii.slice(8, 12))) return "riff";
  if (h.readUInt32BE(0) === 0x00000100) return "ico";
  if (ascii.startsWith("%PDF")) return "pdf";
  if (ascii.startsWith("\0asm")) return "wasm";
  if (/^(?:wOFF|wOF2|OTTO|true)/.test(ascii) || h.readUInt32BE(0) === 0x00010000) return "font";
  if (ascii.startsWith("SQLite format 3")) return "sqlite";
  if (
    ascii.startsWith("ID3") ||
    (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0) ||
    ascii.startsWith("OggS") ||
    ascii.startsWith("fLaC")
  )
    return "audio";
  if (ascii.slice(4, 8) === "ftyp" || ascii.startsWith("\x1aE\xdf\xa3")) return "video";
  if (h.readUInt32BE(0) === 0x4d4d002a || h.readUInt32BE(0) === 0x49492a00) return "tiff";
  if (ascii.startsWith("BM")) return "bmp";
  return undefined;
}
