//! Imports flow one way: every `crate::…` path in `src/` is checked against the README's table "Who may import
//! whom", so that the rule is written once (for people) and enforced from that same text (for the build).
//!
//! A path counts wherever it appears in code (a `use` line, a `use crate::{a, b}` group, or a path inside an
//! expression); comments are left out, as an intra-doc link imports nothing.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const README_TABLE: &str = "| module | may import |";

/// Module → the modules it may import, as the README's table says.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find(README_TABLE).unwrap_or_else(|| panic!("README.md has no table headed {README_TABLE:?}"));
    let names = |cell: &str| -> BTreeSet<String> {
        cell.split(',')
            .map(|name| name.trim().trim_matches('`').to_owned())
            .filter(|n| !n.is_empty() && n != "—")
            .collect()
    };
    readme[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row.trim_matches('|').split('|').collect();
            let [module, may] = cells[..] else { panic!("a row of the imports table has two cells: {row}") };
            (module.trim().trim_matches('`').to_owned(), names(may))
        })
        .collect()
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to: `src/domain/kit/check.rs` → `domain`, `src/app.rs` → `app`;
/// `None` for the crate's roots and entry points (`lib.rs`, `main.rs`, `bin/`), which wire every layer together.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    match first {
        "lib.rs" | "main.rs" | "bin" => None,
        file => Some(file.trim_end_matches(".rs").to_owned()),
    }
}

/// The code of a line without its `//` comment (a `//` inside a string literal is rare enough here to ignore).
fn code_of(line: &str) -> &str {
    line.find("//").map_or(line, |at| &line[..at])
}

/// Every top-level module named by a `crate::` path in `code`.
fn imported(code: &str) -> BTreeSet<String> {
    let identifier =
        |text: &str| -> String { text.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::X, b}`: the first name of each top-level item of the group.
            let (mut depth, mut item_start) = (0, 0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(identifier(&group[item_start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(identifier(&group[item_start..i]));
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(identifier(rest));
        }
    }
    found.retain(|name| !name.is_empty() && name != "self");
    found
}

#[test]
fn every_import_is_one_the_readme_table_allows() {
    let table = allowed();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();

    let mut seen_modules = BTreeSet::new();
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let Some(module) = module_of(relative) else { continue };
        seen_modules.insert(module.clone());
        let Some(may) = table.get(&module) else {
            wrong.push(format!("src/{}: module `{module}` is not in the README's imports table", relative.display()));
            continue;
        };
        // Whole file, comments out, lines joined: a `use crate::{…}` group may span lines.
        let text = fs::read_to_string(file).unwrap();
        let code: String = text.lines().map(code_of).collect::<Vec<_>>().join(" ");
        for target in imported(&code) {
            if target != module && !may.contains(&target) {
                wrong.push(format!("src/{}: `{module}` imports `{target}`", relative.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "imports the README's table does not allow:\n{}", wrong.join("\n"));
    let listed: BTreeSet<String> = table.keys().cloned().collect();
    assert_eq!(listed, seen_modules, "the README's imports table lists exactly the modules of src/");
}

#[test]
fn the_reader_finds_every_form_of_crate_path() {
    let names = |code: &str| imported(code).into_iter().collect::<Vec<_>>();
    assert_eq!(names("use crate::domain::key::validate_key;"), ["domain"]);
    assert_eq!(names("use crate::{api::{self, Loaded}, context::use_env, i18n};"), ["api", "context", "i18n"]);
    assert_eq!(names("let x = crate::platform::now(); crate::i18n::bundled(\"en\")"), ["i18n", "platform"]);
    assert_eq!(names(code_of("let y = 1; // see crate::pages")), Vec::<String>::new());
    assert_eq!(module_of(Path::new("domain/kit/check.rs")).as_deref(), Some("domain"));
    assert_eq!(module_of(Path::new("context.rs")).as_deref(), Some("context"));
    assert_eq!(module_of(Path::new("bin/mdm-panels.rs")), None);
}
