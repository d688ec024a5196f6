#!/usr/bin/env python3
"""Statically extract literal module/class attributes from a Python source file
(read from a bare git mirror) without importing it. Usage:
  pyextract.py GIT_DIR COMMIT PATH [NAME=VALUE ...]
Extra NAME=VALUE pairs pre-seed names (e.g. marker constants).
Prints JSON {"module": {...}, "classes": {cls: {"bases": [...], "attrs": {...}}}}."""
import ast, json, subprocess, sys

class Unres(Exception):
    pass

def ev(node, env):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.JoinedStr):
        out = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                out.append(str(v.value))
            elif isinstance(v, ast.FormattedValue):
                out.append(str(ev(v.value, env)))
            else:
                raise Unres()
        return "".join(out)
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        raise Unres()
    if isinstance(node, ast.Attribute):
        # Class.attr or module.attr lookup in env by dotted name
        parts = []
        n = node
        while isinstance(n, ast.Attribute):
            parts.append(n.attr); n = n.value
        if isinstance(n, ast.Name):
            parts.append(n.id)
            dotted = ".".join(reversed(parts))
            if dotted in env:
                return env[dotted]
        raise Unres()
    if isinstance(node, ast.BinOp):
        a, b = ev(node.left, env), ev(node.right, env)
        if isinstance(node.op, ast.Add): return a + b
        if isinstance(node.op, ast.Mult): return a * b
        if isinstance(node.op, ast.Mod) and isinstance(a, str): return a % b
        raise Unres()
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [ev(e, env) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {ev(k, env): ev(v, env) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -ev(node.operand, env)
    raise Unres()

def main():
    git, commit, path = sys.argv[1:4]
    seed = {}
    for kv in sys.argv[4:]:
        k, v = kv.split("=", 1); seed[k] = v
    src = subprocess.run(["git", "-C", git, "show", f"{commit}:{path}"], capture_output=True, check=True).stdout.decode("utf-8")
    tree = ast.parse(src)
    menv = dict(seed)
    module, classes = {}, {}
    for st in tree.body:
        if isinstance(st, (ast.Assign, ast.AnnAssign)):
            targets = st.targets if isinstance(st, ast.Assign) else [st.target]
            if st.value is None: continue
            try:
                val = ev(st.value, menv)
            except Unres:
                continue
            for t in targets:
                if isinstance(t, ast.Name):
                    menv[t.id] = val; module[t.id] = val
        elif isinstance(st, ast.ClassDef):
            bases = []
            for b in st.bases:
                if isinstance(b, ast.Name): bases.append(b.id)
                elif isinstance(b, ast.Attribute): bases.append(b.attr)
            cenv = dict(menv)
            # inherit literal attrs from same-module bases
            for b in bases:
                if b in classes:
                    cenv.update(classes[b]["attrs"])
            attrs = {}
            for s in st.body:
                if isinstance(s, (ast.Assign, ast.AnnAssign)):
                    targets = s.targets if isinstance(s, ast.Assign) else [s.target]
                    if s.value is None: continue
                    try:
                        val = ev(s.value, cenv)
                    except Unres:
                        continue
                    for t in targets:
                        if isinstance(t, ast.Name):
                            cenv[t.id] = val; attrs[t.id] = val
            classes[st.name] = {"bases": bases, "attrs": attrs}
            for k, v in attrs.items():
                menv[f"{st.name}.{k}"] = v
    json.dump({"module": module, "classes": classes}, sys.stdout, ensure_ascii=False)

main()
