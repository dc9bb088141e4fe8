//! The layer order of `src/app`, checked: its modules' imports (`use` trees and inline
//! `crate::app::…` / `super::…` paths) may form no circle of more than three files. It reads
//! the same graph as `scripts/app_cycles.py`, which prints the circles; test code is left out.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

/// The largest import circle allowed (the attach form's state split over three files).
const LARGEST_CIRCLE: usize = 3;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Module path (`attach/state`) -> its source without comments and inline test modules.
fn modules(root: &Path, parts: &[String], out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = fs::read_dir(root)
        .expect("src/app is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            if parts.is_empty() && name == "tests" {
                continue;
            }
            let mut sub = parts.to_vec();
            sub.push(name.to_string());
            modules(&path, &sub, out);
            continue;
        }
        let Some(stem) = name.strip_suffix(".rs") else {
            continue;
        };
        if stem == "fixtures" || stem == "tests" || stem.ends_with("_tests") {
            continue;
        }
        let mut module = parts.to_vec();
        if stem != "mod" {
            module.push(stem.to_string());
        }
        if !module.is_empty() {
            let text = fs::read_to_string(&path).expect("a source file is readable");
            out.insert(module.join("/"), strip(&text));
        }
    }
}

/// Drops `//` comments and everything from the first `#[cfg(test)] mod … {` on.
fn strip(text: &str) -> String {
    let code: Vec<&str> = text
        .lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect();
    let code = code.join("\n");
    let mut from = 0;
    while let Some(at) = code[from..].find("#[cfg(test)]") {
        let start = from + at;
        let rest = code[start + "#[cfg(test)]".len()..].trim_start();
        if let Some(after_mod) = rest.strip_prefix("mod ") {
            let head: String = after_mod
                .chars()
                .take_while(|c| *c != ';' && *c != '{')
                .collect();
            if after_mod[head.len()..].starts_with('{') {
                return code[..start].to_string();
            }
        }
        from = start + 1;
    }
    code
}

/// The paths of a use tree (`a::{b::c, d}`), each as its segments after `prefix`.
fn expand(prefix: &[String], body: &str) -> Vec<Vec<String>> {
    let body = body.trim();
    let segments = |s: &str| -> Vec<String> {
        s.split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let Some(open) = body.find('{') else {
        return vec![[prefix, &segments(body)].concat()];
    };
    let head = [prefix, &segments(&body[..open])].concat();
    let inner = &body[open + 1..body.rfind('}').unwrap_or(body.len())];
    let (mut parts, mut depth, mut current) = (Vec::new(), 0i32, String::new());
    for ch in inner.chars() {
        match ch {
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            _ => {
                depth += i32::from(ch == '{') - i32::from(ch == '}');
                current.push(ch);
            }
        }
    }
    parts.push(current);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(&head, p))
        .collect()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The bodies of the `use` items of `text` (after `use`, before `;`), each with whether it is a
/// `pub use`.
fn use_trees(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("use ") {
        let start = from + at;
        from = start + 4;
        let word_start = start == 0 || !text[..start].ends_with(is_ident);
        if let (true, Some(end)) = (word_start, text[from..].find(';')) {
            out.push((text[..start].ends_with("pub "), &text[from..from + end]));
        }
    }
    out
}

/// Inline paths that start at `crate::app`, `super` or `self` (`super::allowed::named`).
fn inline_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for root in ["crate::app::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = text[from..].find(root) {
            let start = from + at;
            from = start + root.len();
            if text[..start].ends_with(|c: char| is_ident(c) || c == ':') {
                continue;
            }
            let path: String = text[start..]
                .chars()
                .take_while(|c| is_ident(*c) || *c == ':')
                .collect();
            out.push(
                path.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    out
}

/// Names that `mod.rs` re-exports (`pub use model::Model`) -> the module they come from.
fn reexports(sources: &BTreeMap<String, String>, root: &Path) -> BTreeMap<String, String> {
    let text = strip(&fs::read_to_string(root.join("mod.rs")).expect("src/app/mod.rs"));
    let mut out = BTreeMap::new();
    for (_, tree) in use_trees(&text).into_iter().filter(|(public, _)| *public) {
        for path in expand(&[], tree) {
            if let [module @ .., name] = path.as_slice()
                && !module.is_empty()
            {
                let name = name.rsplit(" as ").next().unwrap_or(name).trim();
                out.insert(name.to_string(), module.join("/"));
            }
        }
    }
    out.retain(|_, module| sources.contains_key(module));
    out
}

fn graph(root: &Path) -> Graph {
    let mut sources = BTreeMap::new();
    modules(root, &[], &mut sources);
    let names = reexports(&sources, root);
    let mut graph = Graph::new();
    for (module, text) in &sources {
        let mut paths: Vec<Vec<String>> = use_trees(text)
            .into_iter()
            .flat_map(|(_, tree)| expand(&[], tree))
            .collect();
        paths.extend(inline_paths(text));
        let edges = graph.entry(module.clone()).or_default();
        for path in paths {
            let rest: Vec<String> = match path.as_slice() {
                [c, a, rest @ ..] if c == "crate" && a == "app" => rest.to_vec(),
                [first, ..] if first == "super" => {
                    let mut base: Vec<String> = module.split('/').map(str::to_string).collect();
                    let mut path = path.as_slice();
                    while let [first, tail @ ..] = path
                        && first == "super"
                    {
                        base.pop();
                        path = tail;
                    }
                    [base.as_slice(), path].concat()
                }
                _ => continue,
            };
            let rest: Vec<String> = rest
                .iter()
                .map(|s| s.split(" as ").next().unwrap_or(s).trim().to_string())
                .collect();
            let target = (1..=rest.len())
                .rev()
                .map(|k| rest[..k].join("/"))
                .find(|candidate| sources.contains_key(candidate))
                .or_else(|| rest.first().and_then(|first| names.get(first).cloned()));
            if let Some(target) = target
                && &target != module
            {
                edges.insert(target);
            }
        }
    }
    graph
}

/// The strongly connected components (Tarjan): each is one import circle, or a lone module.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(walk: &mut Walk<'a>, v: &'a str) {
        let n = walk.index.len();
        walk.index.insert(v, n);
        walk.low.insert(v, n);
        walk.stack.push(v);
        walk.on_stack.insert(v);
        for w in walk.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !walk.index.contains_key(w) {
                visit(walk, w);
                walk.low.insert(v, walk.low[v].min(walk.low[w]));
            } else if walk.on_stack.contains(w) {
                walk.low.insert(v, walk.low[v].min(walk.index[w]));
            }
        }
        if walk.low[v] == walk.index[v] {
            let mut component = Vec::new();
            while let Some(w) = walk.stack.pop() {
                walk.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            component.sort();
            walk.out.push(component);
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            visit(&mut walk, v);
        }
    }
    walk.out.retain(|c| c.len() > 1);
    walk.out
}

#[test]
fn no_import_circle_in_src_app_is_larger_than_three_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let too_big: Vec<Vec<String>> = circles(&graph(&root))
        .into_iter()
        .filter(|c| c.len() > LARGEST_CIRCLE)
        .collect();
    assert!(
        too_big.is_empty(),
        "import circles in src/app larger than {LARGEST_CIRCLE} files (a state type reaches up \
         into transition code; see docs/architecture.md): {too_big:?}"
    );
}

#[test]
fn the_reader_sees_the_imports_a_circle_is_made_of() {
    // The checker itself, on a known graph: a module that uses its user closes a circle.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).expect("write");
    write(
        "mod.rs",
        "pub mod a;\npub mod b;\npub mod c;\npub use a::Thing;\n",
    );
    write(
        "a.rs",
        "use super::{b::{self, B}, c};\n// use super::nothing;\n",
    );
    write("b.rs", "pub fn f() { crate::app::c::g(); }\n");
    write(
        "c.rs",
        "use crate::app::Thing;\n#[cfg(test)]\nmod tests {\n    use super::b;\n}\n",
    );
    let graph = graph(dir.path());
    assert_eq!(graph["a"], BTreeSet::from(["b".into(), "c".into()]));
    assert_eq!(graph["b"], BTreeSet::from(["c".into()]));
    // `Thing` comes through the re-export; the test module's `use super::b` does not count.
    assert_eq!(graph["c"], BTreeSet::from(["a".into()]));
    assert_eq!(
        circles(&graph),
        vec![vec!["a".to_string(), "b".into(), "c".into()]]
    );
}
