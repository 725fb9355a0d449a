//! `wasm-edit names <module.wasm>` prints the module's imports and exports as JSON (`wasm_edit::Names`);
//! `wasm-edit rewrite <in.wasm> <out.wasm>` applies the plan read as JSON from stdin (`wasm_edit::Plan`).
//! Run by `build/lean-wasm.mjs` and `build/post-build.mjs` through `cargo run`; exits 1 with the reason on stderr.

use std::io::Read;
use std::process::ExitCode;

fn run(args: &[String]) -> Result<(), String> {
    let read = |path: &str| std::fs::read(path).map_err(|e| format!("{path}: {e}"));
    match args {
        [command, input] if command == "names" => {
            let names = wasm_edit::names(&read(input)?).map_err(|e| format!("{input}: {e}"))?;
            println!("{}", serde_json::to_string(&names).map_err(|e| e.to_string())?);
            Ok(())
        }
        [command, input, output] if command == "rewrite" => {
            let mut plan = String::new();
            std::io::stdin().read_to_string(&mut plan).map_err(|e| format!("stdin: {e}"))?;
            let plan: wasm_edit::Plan = serde_json::from_str(&plan).map_err(|e| format!("the plan: {e}"))?;
            let bytes = wasm_edit::rewrite(&read(input)?, &plan).map_err(|e| format!("{input}: {e}"))?;
            std::fs::write(output, bytes).map_err(|e| format!("{output}: {e}"))
        }
        _ => Err("usage: wasm-edit names <module.wasm> | wasm-edit rewrite <in.wasm> <out.wasm> < plan.json".into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wasm-edit: {message}");
            ExitCode::FAILURE
        }
    }
}
