//! The core's layers, checked on its source: `base → model → store → operations → documents →
//! cli`, with the PDF engine beside the base. Each module's `crate::`, `super::` and `self::`
//! paths (in `use` items and in code, test modules left out) are resolved to the module files
//! they name, and these rules are checked:
//! - the base (ids, money, time, input, errors, words, countries…) names only the base;
//! - a model names only the base, the PDF engine and models, and reaches no store module
//!   through anything it names;
//! - a store module names only the base, models and the store;
//! - the PDF engine names only itself and `money`;
//! - nothing below the documents names the documents or the CLI.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const BASE: &[&str] =
    &["bilingual", "country", "error", "id", "input", "money", "reference", "spreadsheet", "time", "word"];

#[test]
fn the_core_keeps_its_layers() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = Modules::read(&src);
    assert!(modules.files.len() > 50, "found only {} modules under {}", modules.files.len(), src.display());
    let problems = check(&modules);
    assert!(problems.is_empty(), "layering broken:\n{}", problems.join("\n"));
}

#[test]
fn the_check_finds_a_store_naming_an_operation_and_a_model_naming_the_store() {
    // The rules applied to a small made-up crate, so that the check above cannot pass by
    // finding nothing.
    let modules = Modules::from_sources(&[
        ("error", "pub struct Error;"),
        ("store", "mod people;"),
        ("store::people", "use crate::people::model::Person;\nuse crate::people::add;"),
        ("people", "pub mod model;\nuse crate::store::Tx;\npub fn add() {}"),
        ("people::model", "use crate::error::Error;\nuse super::add;"),
        ("pdf", "use crate::people::model::Person;"),
        ("time", "use crate::people::model::Person;"),
        ("documents", ""),
        ("people::export", "use crate::documents;"),
    ]);
    let problems = check(&modules);
    let expect = [
        "store::people names people, an operations module",
        "people::model names people, which is not a model",
        "people::model reaches the store through people",
        "pdf names people::model",
        "time (base) names people::model",
        "people::export names documents",
    ];
    for e in expect {
        assert!(problems.iter().any(|p| p.starts_with(e)), "missing {e:?} in {problems:#?}");
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
}

/// Module path ("a::b", "" for the crate) → the paths it names (resolved to module paths).
struct Modules {
    files: BTreeMap<String, BTreeSet<String>>,
}

impl Modules {
    fn read(src: &Path) -> Modules {
        let mut sources = Vec::new();
        collect(src, src, &mut sources);
        let refs: Vec<(String, String)> = sources;
        Modules::from_owned(refs)
    }

    fn from_sources(sources: &[(&str, &str)]) -> Modules {
        Modules::from_owned(sources.iter().map(|(m, s)| ((*m).to_owned(), (*s).to_owned())).collect())
    }

    fn from_owned(sources: Vec<(String, String)>) -> Modules {
        let known: BTreeSet<String> = sources.iter().map(|(m, _)| m.clone()).collect();
        let mut files = BTreeMap::new();
        for (module, text) in &sources {
            let names: BTreeSet<String> = paths(&without_tests(text))
                .into_iter()
                .filter_map(|p| absolute(module, &p))
                .filter_map(|p| deepest(&known, &p))
                .filter(|m| m != module)
                .collect();
            files.insert(module.clone(), names);
        }
        Modules { files }
    }

    /// Every module `module` reaches through what it names, itself left out.
    fn reach(&self, module: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = vec![module];
        while let Some(m) = todo.pop() {
            for n in self.files.get(m).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    todo.push(n);
                }
            }
        }
        seen.remove(module);
        seen
    }
}

fn first(module: &str) -> &str {
    module.split("::").next().unwrap_or_default()
}

fn is_model(module: &str) -> bool {
    module.split("::").any(|part| part == "model")
}

fn is_store(module: &str) -> bool {
    first(module) == "store"
}

fn is_base(module: &str) -> bool {
    BASE.contains(&first(module))
}

fn is_pdf(module: &str) -> bool {
    first(module) == "pdf"
}

fn check(modules: &Modules) -> Vec<String> {
    let mut problems = Vec::new();
    for (module, names) in &modules.files {
        if module.is_empty() {
            continue; // lib.rs declares every module
        }
        for name in names {
            let above_documents = matches!(first(name), "documents" | "cli");
            if is_base(module) && !is_base(name) {
                problems.push(format!("{module} (base) names {name}"));
            } else if is_pdf(module) && !is_pdf(name) && first(name) != "money" {
                problems.push(format!("{module} names {name}, outside the PDF engine"));
            } else if is_model(module) && !(is_base(name) || is_pdf(name) || is_model(name)) {
                problems.push(format!("{module} names {name}, which is not a model"));
            } else if is_store(module) && !(is_base(name) || is_model(name) || is_store(name)) {
                problems.push(format!("{module} names {name}, an operations module"));
            } else if above_documents && !matches!(first(module), "documents" | "cli") {
                problems.push(format!("{module} names {name}, which is above it"));
            }
        }
        if is_model(module) {
            if let Some(store) = modules.reach(module).into_iter().find(|m| is_store(m)) {
                let via = modules.files[module].iter().find(|n| modules.reach(n).contains(&store) || **n == store);
                problems.push(format!("{module} reaches the store through {}", via.map_or("?", String::as_str)));
            }
        }
    }
    problems
}

/// `(module path, source)` of every `.rs` file under `dir`; `tests.rs` files (test modules of
/// their parent) and the binary's `main.rs` are left out.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, out);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".rs") || name == "tests.rs" || path == root.join("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap().with_extension("");
        let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        out.push((parts.join("::"), std::fs::read_to_string(&path).unwrap()));
    }
}

/// The source without `#[cfg(test)]` items (test modules may open a store anywhere) and
/// without comments.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            // Skip the item that follows: to its matching closing brace, or a `mod x;` line.
            let mut depth = 0i32;
            let mut opened = false;
            for next in lines.by_ref() {
                depth += next.matches('{').count() as i32 - next.matches('}').count() as i32;
                opened |= next.contains('{');
                if (opened && depth <= 0) || (!opened && next.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        let code = line.split("//").next().unwrap_or_default();
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every path that starts with `crate::`, `super::` or `self::`, with `use` groups expanded.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts = ["crate::", "super::", "self::"].iter().find(|p| rest.starts_with(**p));
        let boundary = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if let (Some(_), true) = (starts, boundary) {
            let (path, end) = read_path(&bytes, i);
            out.extend(path);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Reads a path at `start`, expanding a `{…}` group: the paths and where it ends.
fn read_path(chars: &[char], start: usize) -> (Vec<String>, usize) {
    let mut prefix = String::new();
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' || c == ':' {
            prefix.push(c);
            i += 1;
        } else if c == '{' && prefix.ends_with("::") {
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                match chars[j] {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            let inner: String = chars[i + 1..j - 1].iter().collect();
            let mut out = Vec::new();
            for part in split_top(&inner) {
                let part = part.trim();
                let part = part.split(" as ").next().unwrap_or_default().trim();
                if part.is_empty() {
                    continue;
                }
                if part == "self" {
                    out.push(prefix.trim_end_matches("::").to_owned());
                    continue;
                }
                let chars: Vec<char> = format!("{prefix}{part}").chars().collect();
                out.extend(read_path(&chars, 0).0);
            }
            return (out, j);
        } else {
            break;
        }
    }
    (vec![prefix.trim_end_matches("::").to_owned()], i)
}

fn split_top(s: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0);
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// `path` as seen from `module`, from the crate root ("a::b::Item").
fn absolute(module: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if module.is_empty() { vec![] } else { module.split("::").collect() };
    let mut segments = path.split("::").peekable();
    match segments.peek().copied() {
        Some("crate") => {
            parts.clear();
            segments.next();
        }
        Some("super") => {
            while segments.peek() == Some(&"super") {
                segments.next();
                parts.pop()?;
            }
        }
        Some("self") => {
            segments.next();
        }
        _ => return None,
    }
    parts.extend(segments);
    Some(parts.join("::"))
}

/// The deepest known module that `path` names or is inside.
fn deepest(known: &BTreeSet<String>, path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| known.contains(m))
}
