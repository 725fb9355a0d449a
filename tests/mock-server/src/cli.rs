//! Command-line options.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::{Config, Mount};

pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";

pub const USAGE: &str = "\
usage: mock-server [--addr HOST:PORT] [--static DIR] [--mount PREFIX=DIR]... [--frame-ancestors \"ORIGIN ...\"]

  --addr HOST:PORT          where to listen (default 127.0.0.1:8787; port 0 picks a free one)
  --static DIR              also serve the built console from DIR (deep links fall back to index.html)
  --mount PREFIX=DIR        also serve a build made with trunk --public-url PREFIX/ from DIR under PREFIX
                            (e.g. /admin/mdm=dist-subpath; PREFIX redirects to PREFIX/); repeatable
  --frame-ancestors LIST    exact origins allowed to embed the console, space-separated (default: none);
                            also written into each index.html's mdm-embed-origins meta";

pub struct Options {
    pub addr: SocketAddr,
    pub config: Config,
}

/// `Ok(None)` when help was asked for.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
    let mut addr = DEFAULT_ADDR.parse().expect("the default address parses");
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (arg, None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => {
                let text = value()?;
                addr = text.parse().map_err(|_| format!("--addr: {text:?} is not HOST:PORT"))?;
            }
            "--static" => {
                let dir = PathBuf::from(value()?);
                if !dir.is_dir() {
                    return Err(format!("--static: {} is not a directory", dir.display()));
                }
                config.static_dir = Some(dir);
            }
            "--mount" => {
                let text = value()?;
                let (prefix, dir) = text.split_once('=').ok_or(format!("--mount: {text:?} is not PREFIX=DIR"))?;
                let mount = Mount::new(prefix, dir).map_err(|e| format!("--mount: {e}"))?;
                if !mount.dir().is_dir() {
                    return Err(format!("--mount: {} is not a directory", mount.dir().display()));
                }
                config.mounts.push(mount);
            }
            "--frame-ancestors" => config.frame_ancestors = Some(value()?),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(Some(Options { addr, config }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags_take_separate_or_inline_values() {
        let options =
            parse(args(&["--addr", "127.0.0.1:9000", "--frame-ancestors=https://portal.example"])).unwrap().unwrap();
        assert_eq!(options.addr, "127.0.0.1:9000".parse().unwrap());
        assert_eq!(options.config.frame_ancestors.as_deref(), Some("https://portal.example"));
        assert_eq!(parse(args(&[])).unwrap().unwrap().addr, DEFAULT_ADDR.parse().unwrap());
    }

    #[test]
    fn mounts_repeat_and_take_a_prefix_and_a_directory() {
        let dir = std::env::temp_dir();
        let dir_text = dir.to_str().unwrap();
        let options =
            parse(args(&["--mount", &format!("/admin/mdm/={dir_text}"), &format!("--mount=/other={dir_text}")]))
                .unwrap()
                .unwrap();
        let mounts: Vec<_> = options.config.mounts.iter().map(|m| (m.prefix(), m.dir())).collect();
        assert_eq!(mounts, vec![("/admin/mdm", dir.as_path()), ("/other", dir.as_path())]);

        let mistakes =
            ["/admin/mdm", "/admin/mdm=/definitely/not/here", "/=DIR", "/api=DIR", "/__mock/x=DIR", "admin=DIR"];
        for bad in mistakes {
            let error = parse(args(&["--mount", &bad.replace("DIR", dir_text)])).err();
            assert!(error.as_deref().is_some_and(|e| e.starts_with("--mount: ")), "{bad}: {error:?}");
        }
    }

    #[test]
    fn mistakes_are_reported() {
        assert!(parse(args(&["--addr"])).is_err());
        assert!(parse(args(&["--addr", "localhost"])).is_err());
        assert!(parse(args(&["--static", "/definitely/not/here"])).is_err());
        assert!(parse(args(&["--verbose"])).is_err());
        assert!(parse(args(&["--help"])).unwrap().is_none());
    }
}
