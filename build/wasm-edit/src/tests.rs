use super::*;
use proptest::prelude::*;
use wasm_encoder::{
    CodeSection, CustomSection, EntityType, ExportKind, Function, FunctionSection, Instruction, MemoryType,
    TypeSection, ValType,
};

/// A module shaped like wasm-bindgen's output: function imports from the glue, the memory, one function for each
/// of `exports` (exported under that name, or not exported for `None`), and custom sections after the code.
fn module(imports: &[(String, String)], exports: &[Option<String>], custom: &[String]) -> Vec<u8> {
    let mut module = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], [ValType::I32]);
    module.section(&types);
    let mut import_section = ImportSection::new();
    for (from, name) in imports {
        import_section.import(from, name, EntityType::Function(0));
    }
    let memory =
        MemoryType { minimum: 17, maximum: Some(16_384), memory64: false, shared: false, page_size_log2: None };
    import_section.import("env", "memory", memory);
    module.section(&import_section);
    let mut functions = FunctionSection::new();
    let mut code = CodeSection::new();
    for _ in exports {
        functions.function(0);
        let mut body = Function::new([]);
        body.instruction(&Instruction::LocalGet(0));
        body.instruction(&Instruction::End);
        code.function(&body);
    }
    module.section(&functions);
    let mut export_section = ExportSection::new();
    for (index, name) in exports.iter().enumerate() {
        if let Some(name) = name {
            export_section.export(name, ExportKind::Func, (imports.len() + index) as u32);
        }
    }
    module.section(&export_section);
    module.section(&code);
    for name in custom {
        module.section(&CustomSection { name: name.into(), data: b"rustc 1.95".as_slice().into() });
    }
    module.finish()
}

fn pairs(names: &[(&str, &str)]) -> Vec<(String, String)> {
    names.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

fn exported(names: &[Option<&str>]) -> Vec<Option<String>> {
    names.iter().map(|n| n.map(str::to_owned)).collect()
}

fn sample() -> Vec<u8> {
    module(
        &pairs(&[("./mdm-console_bg.js", "__wbg_new_cd4348290afae586"), ("./mdm-console_bg.js", "__wbg_set_0123")]),
        &exported(&[Some("main"), Some("wasm_bindgen_0a1b___convert__closures_____invoke"), Some("__wbindgen_malloc")]),
        &strings(&["producers", "target_features", "name"]),
    )
}

fn plan(json: &str) -> Plan {
    serde_json::from_str(json).expect("a plan")
}

#[test]
fn names_lists_imports_and_exports_in_section_order_with_their_kinds() {
    let names = names(&sample()).unwrap();
    let imports: Vec<_> = names.imports.iter().map(|i| (i.module.as_str(), i.name.as_str(), i.kind)).collect();
    assert_eq!(
        imports,
        [
            ("./mdm-console_bg.js", "__wbg_new_cd4348290afae586", Kind::Func),
            ("./mdm-console_bg.js", "__wbg_set_0123", Kind::Func),
            ("env", "memory", Kind::Memory),
        ]
    );
    let exports: Vec<_> = names.exports.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(exports, ["main", "wasm_bindgen_0a1b___convert__closures_____invoke", "__wbindgen_malloc"]);
}

#[test]
fn the_plan_renames_and_drops_exports_renames_imports_and_drops_custom_sections() {
    let rewritten = rewrite(
        &sample(),
        &plan(
            r#"{"exports": {"main": null, "wasm_bindgen_0a1b___convert__closures_____invoke": "z0"},
                "imports": [{"module": "./mdm-console_bg.js", "name": "__wbg_set_0123", "toModule": "w", "toName": "a"}],
                "dropCustomSections": ["producers", "target_features", "absent"]}"#,
        ),
    )
    .unwrap();
    assert_eq!(
        rewritten,
        module(
            &pairs(&[("./mdm-console_bg.js", "__wbg_new_cd4348290afae586"), ("w", "a")]),
            // `main` goes from the export section only: its function stays, at the same index.
            &exported(&[None, Some("z0"), Some("__wbindgen_malloc")]),
            &strings(&["name"]),
        ),
    );
}

#[test]
fn a_renamed_import_keeps_its_kind_and_every_other_section_stays_byte_for_byte() {
    let before = sample();
    let after = rewrite(
        &before,
        &plan(r#"{"imports": [{"module": "env", "name": "memory", "toModule": "e", "toName": "m"}]}"#),
    )
    .unwrap();
    let imports = names(&after).unwrap().imports;
    assert_eq!((imports[2].module.as_str(), imports[2].name.as_str(), imports[2].kind), ("e", "m", Kind::Memory));
    let sections = |bytes: &[u8]| -> Vec<(u8, Vec<u8>)> {
        Parser::new(0)
            .parse_all(bytes)
            .filter_map(|p| p.unwrap().as_section())
            .filter(|(id, _)| *id != 2)
            .map(|(id, range)| (id, bytes[range.start as usize..range.end as usize].to_vec()))
            .collect()
    };
    assert_eq!(sections(&after), sections(&before));
}

#[test]
fn a_plan_that_names_what_the_module_lacks_is_refused() {
    assert_eq!(
        rewrite(&sample(), &plan(r#"{"exports": {"mian": "z0"}}"#)),
        Err(EditError::NoSuchExport("mian".into()))
    );
    assert_eq!(
        rewrite(&sample(), &plan(r#"{"imports": [{"module": "env", "name": "mem", "toModule": "w", "toName": "a"}]}"#)),
        Err(EditError::NoSuchImport("env".into(), "mem".into()))
    );
}

#[test]
fn bytes_that_are_not_a_module_are_refused_by_both() {
    assert!(matches!(names(b"not wasm"), Err(EditError::Malformed(_))));
    assert!(matches!(rewrite(b"\0asm\x01\0\0\0\x07\x05", &Plan::default()), Err(EditError::Malformed(_))));
}

#[test]
fn a_plan_with_an_unknown_field_is_refused_rather_than_ignored() {
    assert!(serde_json::from_str::<Plan>(r#"{"export": {"main": null}}"#).is_err());
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-z_$./0-9-]{1,40}"
}

proptest! {
    #[test]
    fn an_empty_plan_returns_the_module_as_it_was(
        imports in prop::collection::vec((name(), name()), 0..20),
        exports in prop::collection::hash_set(name(), 0..20),
        custom in prop::collection::vec(name(), 0..4),
    ) {
        let exports: Vec<Option<String>> = exports.into_iter().map(Some).collect();
        let bytes = module(&imports, &exports, &custom);
        prop_assert_eq!(rewrite(&bytes, &Plan::default()).unwrap(), bytes);
    }

    #[test]
    fn renaming_every_import_and_export_and_back_returns_the_module_as_it_was(
        imports in prop::collection::hash_set((name(), name()), 1..20),
        exports in prop::collection::hash_set(name(), 1..20),
    ) {
        let imports: Vec<(String, String)> = imports.into_iter().collect();
        let exports: Vec<String> = exports.into_iter().collect();
        let bytes = module(&imports, &exports.iter().cloned().map(Some).collect::<Vec<_>>(), &[]);
        let there = Plan {
            exports: exports.iter().enumerate().map(|(i, n)| (n.clone(), Some(format!("z{i}")))).collect(),
            imports: imports.iter().enumerate().map(|(i, (m, n))| ImportRename {
                module: m.clone(), name: n.clone(), to_module: "w".into(), to_name: format!("i{i}"),
            }).collect(),
            drop_custom_sections: Vec::new(),
        };
        let back = Plan {
            exports: exports.iter().enumerate().map(|(i, n)| (format!("z{i}"), Some(n.clone()))).collect(),
            imports: imports.iter().enumerate().map(|(i, (m, n))| ImportRename {
                module: "w".into(), name: format!("i{i}"), to_module: m.clone(), to_name: n.clone(),
            }).collect(),
            drop_custom_sections: Vec::new(),
        };
        let renamed = rewrite(&bytes, &there).unwrap();
        prop_assert!(names(&renamed).unwrap().exports.iter().all(|e| e.name.starts_with('z')));
        prop_assert_eq!(rewrite(&renamed, &back).unwrap(), bytes);
    }
}
