//! The names a WebAssembly module imports and exports, read and rewritten with wasmparser and wasm-encoder
//! (the Bytecode Alliance's own reader and writer), for the release build's post-build hook
//! (`build/post-build.mjs`, `build/lean-wasm.mjs`). The hook decides what to rename or drop, since the names must
//! change in the wasm-bindgen glue too; this crate only applies that decision to the module.
//!
//! Every section that a [`Plan`] does not touch is copied byte for byte, so that a rewrite changes only what it
//! says: an empty plan returns the module as it was.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// What a module imports and exports, in section order.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Names {
    pub imports: Vec<ImportName>,
    pub exports: Vec<ExportName>,
}

/// One import: the module it comes from (wasm-bindgen's glue, `./mdm-console_bg.js`), its name, and its kind.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ImportName {
    pub module: String,
    pub name: String,
    pub kind: Kind,
}

/// One export and its kind.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ExportName {
    pub name: String,
    pub kind: Kind,
}

/// The kind of an import or export (the WebAssembly core specification's `externtype`).
#[derive(Debug, Serialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Func,
    Table,
    Memory,
    Global,
    Tag,
}

/// The changes to make, as `build/lean-wasm.mjs` hands them over in JSON (camelCase keys).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// Export name → its new name, or `null` to drop the export. Exports not named stay as they are.
    #[serde(default)]
    pub exports: HashMap<String, Option<String>>,
    /// Imports to rename. Imports not named stay as they are.
    #[serde(default)]
    pub imports: Vec<ImportRename>,
    /// Custom sections to drop, by name (rustc's `producers`, for example). Absent ones are no error.
    #[serde(default)]
    pub drop_custom_sections: Vec<String>,
}

/// One import's new module and name.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportRename {
    pub module: String,
    pub name: String,
    pub to_module: String,
    pub to_name: String,
}

/// Why a module could not be read or rewritten.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// The bytes are not a WebAssembly module wasmparser can read: its message, with the byte offset.
    Malformed(String),
    /// The plan names an export the module does not have: a plan made for another module, which the build must
    /// not ship.
    NoSuchExport(String),
    /// The plan names an import the module does not have (module, name).
    NoSuchImport(String, String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(message) => write!(f, "not a wasm module wasmparser can read: {message}"),
            Self::NoSuchExport(name) => write!(f, "the module exports nothing named {name}"),
            Self::NoSuchImport(module, name) => write!(f, "the module imports nothing named {name} from {module}"),
        }
    }
}

impl std::error::Error for EditError {}

impl From<wasmparser::BinaryReaderError> for EditError {
    fn from(error: wasmparser::BinaryReaderError) -> Self {
        Self::Malformed(error.to_string())
    }
}

fn kind_of_import(ty: &wasmparser::TypeRef) -> Kind {
    use wasmparser::TypeRef;
    match ty {
        TypeRef::Func(_) | TypeRef::FuncExact(_) => Kind::Func,
        TypeRef::Table(_) => Kind::Table,
        TypeRef::Memory(_) => Kind::Memory,
        TypeRef::Global(_) => Kind::Global,
        TypeRef::Tag(_) => Kind::Tag,
    }
}

fn kind_of_export(kind: wasmparser::ExternalKind) -> Kind {
    use wasmparser::ExternalKind;
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => Kind::Func,
        ExternalKind::Table => Kind::Table,
        ExternalKind::Memory => Kind::Memory,
        ExternalKind::Global => Kind::Global,
        ExternalKind::Tag => Kind::Tag,
    }
}

/// The imports and exports of the module `bytes`.
///
/// # Errors
/// [`EditError::Malformed`] when wasmparser cannot read the module.
pub fn names(bytes: &[u8]) -> Result<Names, EditError> {
    let mut names = Names { imports: Vec::new(), exports: Vec::new() };
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import?;
                    names.imports.push(ImportName {
                        module: import.module.to_owned(),
                        name: import.name.to_owned(),
                        kind: kind_of_import(&import.ty),
                    });
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export?;
                    names.exports.push(ExportName { name: export.name.to_owned(), kind: kind_of_export(export.kind) });
                }
            }
            _ => {}
        }
    }
    Ok(names)
}

/// The module `bytes` with `plan` applied; every section the plan does not touch as it was, byte for byte.
///
/// # Errors
/// [`EditError::Malformed`] when wasmparser cannot read the module; [`EditError::NoSuchExport`] and
/// [`EditError::NoSuchImport`] when the plan names something the module lacks.
pub fn rewrite(bytes: &[u8], plan: &Plan) -> Result<Vec<u8>, EditError> {
    let mut unused_exports: HashSet<&str> = plan.exports.keys().map(String::as_str).collect();
    let renamed_imports: HashMap<(&str, &str), (&str, &str)> = plan
        .imports
        .iter()
        .map(|r| ((r.module.as_str(), r.name.as_str()), (r.to_module.as_str(), r.to_name.as_str())))
        .collect();
    let mut unused_imports: HashSet<(&str, &str)> = renamed_imports.keys().copied().collect();
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::ImportSection(reader) => {
                let mut section = ImportSection::new();
                for import in reader.into_imports() {
                    let import = import?;
                    let (module_name, name) = renamed_imports
                        .get(&(import.module, import.name))
                        .copied()
                        .unwrap_or((import.module, import.name));
                    unused_imports.remove(&(import.module, import.name));
                    let ty =
                        RoundtripReencoder.entity_type(import.ty).map_err(|e| EditError::Malformed(e.to_string()))?;
                    section.import(module_name, name, ty);
                }
                module.section(&section);
            }
            Payload::ExportSection(reader) => {
                let mut section = ExportSection::new();
                for export in reader {
                    let export = export?;
                    unused_exports.remove(export.name);
                    let name = match plan.exports.get(export.name) {
                        Some(None) => continue,
                        Some(Some(renamed)) => renamed.as_str(),
                        None => export.name,
                    };
                    let kind =
                        RoundtripReencoder.export_kind(export.kind).map_err(|e| EditError::Malformed(e.to_string()))?;
                    section.export(name, kind, export.index);
                }
                module.section(&section);
            }
            Payload::CustomSection(reader) if plan.drop_custom_sections.iter().any(|name| name == reader.name()) => {}
            other => {
                if let Some((id, range)) = other.as_section() {
                    let range = usize::try_from(range.start).unwrap_or(usize::MAX)
                        ..usize::try_from(range.end).unwrap_or(usize::MAX);
                    let data = bytes
                        .get(range)
                        .ok_or_else(|| EditError::Malformed("a section ends past the module".into()))?;
                    module.section(&RawSection { id, data });
                }
            }
        }
    }
    if let Some(name) = unused_exports.into_iter().min() {
        return Err(EditError::NoSuchExport(name.to_owned()));
    }
    if let Some((module_name, name)) = unused_imports.into_iter().min() {
        return Err(EditError::NoSuchImport(module_name.to_owned(), name.to_owned()));
    }
    Ok(module.finish())
}

#[cfg(test)]
mod tests;
