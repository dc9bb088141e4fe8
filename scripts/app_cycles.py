#!/usr/bin/env python3
"""Import graph of the modules under src/app (from `use` lines and inline `super::`/`crate::app::`
paths) and its strongly connected components: the import circles. Exits 1 when one is larger than
3 files, as `cargo test --test app_layers` fails then. Usage: app_cycles.py [src/app]"""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "src/app"

def modules():
    """Module path (like `attach/state`) -> file, for every .rs under root except tests."""
    out = {}
    for d, _, files in os.walk(root):
        rel = os.path.relpath(d, root)
        if rel.split(os.sep)[0] == "tests":
            continue
        for f in files:
            if not f.endswith(".rs") or f in ("fixtures.rs", "tests.rs") or f.endswith("_tests.rs"):
                continue
            name = f[:-3]
            parts = [] if rel == "." else rel.split(os.sep)
            if name != "mod":
                parts.append(name)
            if parts:
                out["/".join(parts)] = os.path.join(d, f)
    return out

def strip(text):
    text = re.sub(r"//[^\n]*", "", text)
    # Drop `#[cfg(test)] mod tests { ... }` tails: tests are not the layer order.
    m = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
    return text[: m.start()] if m else text

def expand(prefix, body):
    """Paths of a use tree `a::{b::c, d}` as lists of segments."""
    body = body.strip()
    i = body.find("{")
    if i < 0:
        return [prefix + [s for s in body.split("::") if s]]
    head = [s for s in body[:i].split("::") if s]
    inner = body[i + 1 : body.rfind("}")]
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(cur); cur = ""; continue
        depth += ch == "{"; depth -= ch == "}"
        cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        if p.strip():
            out += expand(prefix + head, p)
    return out

def reexports(mods):
    """Names that a mod.rs re-exports -> module."""
    out = {}
    text = strip(open(os.path.join(root, "mod.rs")).read())
    for u in re.findall(r"pub use ([^;]+);", text):
        for p in expand([], u):
            if len(p) >= 2:
                out[p[-1].split(" as ")[-1].strip()] = "/".join(p[:-1])
    return out

def edges(mods):
    names = reexports(mods)
    g = {m: set() for m in mods}
    for m, f in mods.items():
        text = strip(open(f).read())
        paths = []
        for u in re.findall(r"\buse\s+([^;]+);", text):
            paths += expand([], u)
        paths += [p.split("::") for p in re.findall(r"\b(?:crate::app|super|self)(?:::\w+)+", text)]
        for p in paths:
            p = [s.strip() for s in p]
            if p[:2] == ["crate", "app"]:
                rest = p[2:]
            elif p and p[0] == "super":
                base = m.split("/")
                while p and p[0] == "super":
                    p, base = p[1:], base[:-1]
                rest = base + p
            else:
                continue
            # longest prefix that names a module
            target = None
            for k in range(len(rest), 0, -1):
                cand = "/".join(rest[:k])
                if cand in mods:
                    target = cand; break
            if target is None and rest:
                target = names.get(rest[0])
            if target and target != m:
                g[m].add(target)
    return g

def sccs(g):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            out.append(sorted(comp))
    for v in sorted(g):
        if v not in index:
            visit(v)
    return out

g = edges(modules())
circles = sorted((c for c in sccs(g) if len(c) > 1), key=len, reverse=True)
print(f"modules: {len(g)}, largest import circle: {len(circles[0]) if circles else 1}")
for c in circles:
    print(f"  {len(c)}: {' '.join(c)}")
sys.exit(1 if circles and len(circles[0]) > 3 else 0)
