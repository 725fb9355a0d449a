//! Command-line options, parsed by clap (which also writes `--help`).

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use crate::{Config, Connections, Mount, SeedHistory};

pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";

/// The mock backend of the MDM sync console: API v1 under /api, the test controls under /__mock,
/// and the built console's files.
// The help is not wrapped (that takes clap's wrap_help feature): its text is broken by hand, hence the verbatim.
#[derive(Parser, Debug)]
#[command(name = "mock-server", verbatim_doc_comment, args_override_self = true)]
struct Cli {
    /// Where to listen (port 0 picks a free one)
    #[arg(long, value_name = "HOST:PORT", default_value = DEFAULT_ADDR, value_parser = socket_addr)]
    addr: SocketAddr,
    /// Also serve the built console from DIR (deep links fall back to index.html)
    #[arg(long = "static", value_name = "DIR", value_parser = existing_dir)]
    static_dir: Option<PathBuf>,
    /// Also serve a build made with trunk --public-url PREFIX/ from DIR under PREFIX
    /// (e.g. /admin/mdm=dist-subpath; PREFIX redirects to PREFIX/); repeatable
    #[arg(long = "mount", value_name = "PREFIX=DIR", value_parser = mount, verbatim_doc_comment)]
    mounts: Vec<Mount>,
    /// Exact origins allowed to embed the console, space-separated (default: none);
    /// also written into each index.html's mdm-embed-origins meta
    #[arg(long, value_name = "LIST", verbatim_doc_comment)]
    frame_ancestors: Option<String>,
    /// The past the mock starts with, and resets to
    #[arg(long, value_name = "HISTORY", value_enum, default_value = "none", verbatim_doc_comment)]
    seed_history: SeedHistory,
    /// Keep connections open between requests, as a production server does (local development,
    /// the benchmark). Off by default: browsers resend a request silently when a reused connection
    /// closes without an answer, which would hide a `drop` fault from the tests.
    #[arg(long, verbatim_doc_comment)]
    keep_alive: bool,
    /// Write every answer under /api and /__mock to FILE, one JSON line each, key values
    /// redacted, for tests/tools/openapi-check.mjs (the file is emptied at start)
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    record: Option<PathBuf>,
}

#[derive(Debug)]
pub struct Options {
    pub addr: SocketAddr,
    pub config: Config,
    pub connections: Connections,
}

/// `args` starts with the program's name. Help is an error too, of kind [`clap::error::ErrorKind::DisplayHelp`]:
/// [`clap::Error::exit`] prints either as it should be and exits with the right code.
pub fn parse<I, T>(args: I) -> Result<Options, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = Cli::try_parse_from(args)?;
    let config = Config {
        static_dir: cli.static_dir,
        mounts: cli.mounts,
        frame_ancestors: cli.frame_ancestors,
        seed_history: cli.seed_history,
        record: cli.record,
    };
    let connections = if cli.keep_alive { Connections::KeepAlive } else { Connections::CloseEach };
    Ok(Options { addr: cli.addr, config, connections })
}

fn socket_addr(text: &str) -> Result<SocketAddr, String> {
    text.parse().map_err(|_| "not HOST:PORT with an IP address as HOST (e.g. 127.0.0.1:8787)".to_owned())
}

fn existing_dir(text: &str) -> Result<PathBuf, String> {
    // Clap's message quotes the value already.
    let dir = PathBuf::from(text);
    if !dir.is_dir() {
        return Err("not a directory".to_owned());
    }
    Ok(dir)
}

fn mount(text: &str) -> Result<Mount, String> {
    let (prefix, dir) = text.split_once('=').ok_or("not PREFIX=DIR")?;
    let mount = Mount::new(prefix, dir)?;
    if !mount.dir().is_dir() {
        return Err(format!("{:?} is not a directory", mount.dir()));
    }
    Ok(mount)
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;
    use clap::CommandFactory;

    use super::*;

    fn parse_args(list: &[&str]) -> Result<Options, clap::Error> {
        parse(std::iter::once("mock-server").chain(list.iter().copied()))
    }

    #[test]
    fn the_command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_take_separate_or_inline_values() {
        let options = parse_args(&["--addr", "127.0.0.1:9000", "--frame-ancestors=https://portal.example"]).unwrap();
        assert_eq!(options.addr, "127.0.0.1:9000".parse().unwrap());
        assert_eq!(options.config.frame_ancestors.as_deref(), Some("https://portal.example"));
        let options = parse_args(&["--addr=127.0.0.1:0", "--frame-ancestors", "https://a.example https://b.example"]);
        let options = options.unwrap();
        assert_eq!(options.addr, "127.0.0.1:0".parse().unwrap());
        assert_eq!(options.config.frame_ancestors.as_deref(), Some("https://a.example https://b.example"));

        let dir = std::env::temp_dir();
        let dir_text = dir.to_str().unwrap();
        assert_eq!(parse_args(&["--static", dir_text]).unwrap().config.static_dir.as_deref(), Some(dir.as_path()));
        let inline = format!("--static={dir_text}");
        assert_eq!(parse_args(&[&inline]).unwrap().config.static_dir.as_deref(), Some(dir.as_path()));
    }

    #[test]
    fn defaults() {
        let options = parse_args(&[]).unwrap();
        assert_eq!(options.addr, DEFAULT_ADDR.parse().unwrap());
        assert_eq!(options.config.static_dir, None);
        assert!(options.config.mounts.is_empty());
        assert_eq!(options.config.frame_ancestors, None);
        assert_eq!(options.config.seed_history, SeedHistory::None);
        assert_eq!(options.connections, Connections::CloseEach);
        assert_eq!(options.config.record, None);
        assert_eq!(parse_args(&["--keep-alive"]).unwrap().connections, Connections::KeepAlive);
        assert_eq!(parse_args(&["--record=x.jsonl"]).unwrap().config.record, Some(PathBuf::from("x.jsonl")));
    }

    #[test]
    fn a_history_can_be_seeded() {
        let options = parse_args(&["--seed-history", "monitor-week"]).unwrap();
        assert_eq!(options.config.seed_history, SeedHistory::MonitorWeek);
        assert_eq!(parse_args(&["--seed-history=yesterday"]).unwrap_err().kind(), ErrorKind::InvalidValue);
    }

    #[test]
    fn a_flag_given_twice_takes_the_last_value() {
        let options = parse_args(&["--addr", "127.0.0.1:1", "--addr=127.0.0.1:2"]).unwrap();
        assert_eq!(options.addr, "127.0.0.1:2".parse().unwrap());
    }

    #[test]
    fn mounts_repeat_and_take_a_prefix_and_a_directory() {
        let dir = std::env::temp_dir();
        let dir_text = dir.to_str().unwrap();
        let (separate, inline) = (format!("/admin/mdm/={dir_text}"), format!("--mount=/other={dir_text}"));
        let options = parse_args(&["--mount", &separate, &inline]).unwrap();
        let mounts: Vec<_> = options.config.mounts.iter().map(|m| (m.prefix(), m.dir())).collect();
        assert_eq!(mounts, vec![("/admin/mdm", dir.as_path()), ("/other", dir.as_path())]);

        let mistakes =
            ["/admin/mdm", "/admin/mdm=/definitely/not/here", "/=DIR", "/api=DIR", "/__mock/x=DIR", "admin=DIR"];
        for bad in mistakes {
            let error = parse_args(&["--mount", &bad.replace("DIR", dir_text)]).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::ValueValidation, "{bad}: {error}");
            assert!(error.to_string().contains("--mount"), "{bad}: {error}");
        }
    }

    #[test]
    fn mistakes_are_reported() {
        let kind = |list: &[&str]| parse_args(list).unwrap_err().kind();
        assert_eq!(kind(&["--addr"]), ErrorKind::InvalidValue);
        assert_eq!(kind(&["--addr", "localhost"]), ErrorKind::ValueValidation);
        assert_eq!(kind(&["--static", "/definitely/not/here"]), ErrorKind::ValueValidation);
        assert_eq!(kind(&["--verbose"]), ErrorKind::UnknownArgument);
        assert_eq!(kind(&["extra"]), ErrorKind::UnknownArgument);
        for list in [&["--addr"][..], &["--addr", "localhost"], &["--static", "/definitely/not/here"], &["--verbose"]] {
            let error = parse_args(list).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{list:?}");
            assert!(error.to_string().contains(list[0]), "{list:?}: {error}");
        }
    }

    #[test]
    fn help_is_asked_for_with_h_or_help() {
        for flag in ["-h", "--help"] {
            let error = parse_args(&[flag]).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::DisplayHelp);
            assert_eq!(error.exit_code(), 0);
        }
    }

    #[test]
    fn the_help_lists_every_flag() {
        let help = parse_args(&["--help"]).unwrap_err().to_string();
        let flags = [
            "--addr <HOST:PORT>",
            "--static <DIR>",
            "--mount <PREFIX=DIR>",
            "--frame-ancestors <LIST>",
            "--seed-history <HISTORY>",
            "--record <FILE>",
            "-h, --help",
        ];
        for flag in flags {
            assert!(help.contains(flag), "{flag} is missing from:\n{help}");
        }
        assert!(help.contains(DEFAULT_ADDR), "{help}");
        assert!(help.lines().all(|line| line.len() <= 120), "{help}");
    }
}
