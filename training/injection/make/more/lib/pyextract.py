#!/usr/bin/env python3
"""Statically extract literal values from a Python source in a bare git mirror (never imports/runs it).
Usage: pyextract.py GIT_DIR COMMIT PATH -> JSON {"module": {...}, "classes": {Cls: {"bases": [...], "attrs": {...}}}}
Class attrs include class-body literals and `self.X = <literal>` assignments inside methods.
Supports constants, f-strings, names, + * %, containers, and single-generator list comprehensions over literals."""
import ast, json, subprocess, sys

class Unres(Exception):
    pass

def ev(node, env):
    if isinstance(node, ast.Constant): return node.value
    if isinstance(node, ast.JoinedStr):
        out = []
        for v in node.values:
            if isinstance(v, ast.Constant): out.append(str(v.value))
            elif isinstance(v, ast.FormattedValue): out.append(str(ev(v.value, env)))
            else: raise Unres()
        return "".join(out)
    if isinstance(node, ast.Name):
        if node.id in env: return env[node.id]
        raise Unres()
    if isinstance(node, ast.Attribute):
        parts = []; n = node
        while isinstance(n, ast.Attribute): parts.append(n.attr); n = n.value
        if isinstance(n, ast.Name):
            parts.append(n.id); dotted = ".".join(reversed(parts))
            if dotted in env: return env[dotted]
        raise Unres()
    if isinstance(node, ast.BinOp):
        a, b = ev(node.left, env), ev(node.right, env)
        if isinstance(node.op, ast.Add): return a + b
        if isinstance(node.op, ast.Mult): return a * b
        if isinstance(node.op, ast.BitOr) and isinstance(a, dict): return {**a, **b}
        raise Unres()
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)): return [ev(e, env) for e in node.elts]
    if isinstance(node, ast.Dict): return {ev(k, env): ev(v, env) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.ListComp) and len(node.generators) == 1 and not node.generators[0].ifs \
            and isinstance(node.generators[0].target, ast.Name):
        g = node.generators[0]; out = []
        for item in ev(g.iter, env):
            e2 = dict(env); e2[g.target.id] = item; out.append(ev(node.elt, e2))
        return out
    raise Unres()

def main():
    git, commit, path = sys.argv[1:4]
    src = subprocess.run(["git", "--git-dir", git, "show", f"{commit}:{path}"], capture_output=True, check=True).stdout.decode("utf-8")
    tree = ast.parse(src)
    menv, module, classes = {}, {}, {}
    def assigns(st):
        if isinstance(st, ast.Assign): return st.targets, st.value
        if isinstance(st, ast.AnnAssign) and st.value is not None: return [st.target], st.value
        return None, None
    for st in tree.body:
        t, v = assigns(st)
        if t:
            try: val = ev(v, menv)
            except Exception: continue
            for x in t:
                if isinstance(x, ast.Name): menv[x.id] = val; module[x.id] = val
        elif isinstance(st, ast.ClassDef):
            bases = [b.id if isinstance(b, ast.Name) else b.attr for b in st.bases if isinstance(b, (ast.Name, ast.Attribute))]
            cenv = dict(menv)
            for b in bases:
                if b in classes: cenv.update(classes[b]["attrs"])
            attrs = {}
            for s in st.body:
                t2, v2 = assigns(s)
                if t2:
                    try: val = ev(v2, cenv)
                    except Exception: continue
                    for x in t2:
                        if isinstance(x, ast.Name): cenv[x.id] = val; attrs[x.id] = val
            for s in st.body:
                if isinstance(s, ast.FunctionDef):
                    for n in ast.walk(s):
                        t3, v3 = assigns(n)
                        if not t3: continue
                        for x in t3:
                            if isinstance(x, ast.Attribute) and isinstance(x.value, ast.Name) and x.value.id == "self":
                                try: attrs[x.attr] = ev(v3, cenv)
                                except Exception: pass
            classes[st.name] = {"bases": bases, "attrs": attrs}
            for k, v in attrs.items(): menv[f"{st.name}.{k}"] = v
    json.dump({"module": module, "classes": classes}, sys.stdout, ensure_ascii=False)

main()
