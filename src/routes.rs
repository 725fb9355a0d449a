//! Every route of the console, in one place. Pure, so that matching is tested natively.

/// The Mobile Security overview.
pub const MOBILE_SECURITY: &str = "/security/mobile";
/// The 3rd-party MDM sync settings screen.
pub const MDM_SYNC: &str = "/security/mobile/mdm-sync";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: redirects to Mobile Security.
    Root,
    MobileSecurity,
    MdmSync,
    NotFound,
}

impl Route {
    /// The route for a path below the console's base (a pathname: no query, no fragment), ignoring one trailing slash.
    pub fn from_path(path: &str) -> Self {
        let path = if path.len() > 1 { path.strip_suffix('/').unwrap_or(path) } else { path };
        match path {
            "" | "/" => Route::Root,
            MOBILE_SECURITY => Route::MobileSecurity,
            MDM_SYNC => Route::MdmSync,
            _ => Route::NotFound,
        }
    }
}

/// Splits a browser pathname into the console's own path, given the base it is served under (`""` or `/admin/mdm`).
/// `None` when the pathname is outside the base.
pub fn strip_base<'a>(pathname: &'a str, base: &str) -> Option<&'a str> {
    let base = base.trim_end_matches('/');
    let rest = pathname.strip_prefix(base)?;
    match rest {
        "" => Some("/"),
        _ if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::api::paths;

    /// `src/embed/start.js` requests each screen's first API loads before the wasm runs, from its own table: it
    /// must name this file's routes and the API paths that the pages load first.
    #[test]
    fn the_page_preloads_what_each_screen_loads_first() {
        let start = include_str!("embed/start.js");
        let table = start.split("const FIRST_LOADS = {").nth(1).and_then(|t| t.split("};").next()).unwrap();
        let rows: Vec<(&str, Vec<&str>)> = table
            .lines()
            .filter_map(|line| line.trim().split_once(": ["))
            .map(|(route, loads)| (unquote(route), loads.trim_end_matches("],").split(", ").map(unquote).collect()))
            .collect();
        let expected = vec![
            ("/", vec![paths::MOBILE_SECURITY]),
            (MOBILE_SECURITY, vec![paths::MOBILE_SECURITY]),
            (MDM_SYNC, vec![paths::SESSION, paths::MDM_SYNC, paths::MOBILE_SECURITY]),
        ];
        assert_eq!(rows, expected);
        assert_eq!(Route::from_path("/"), Route::Root, "`/` shows Mobile Security");
        let timeout = format!("const TIMEOUT_MS = {};", crate::domain::retry::REQUEST_TIMEOUT_MS);
        assert!(start.contains(&timeout), "start.js times out as the console's client does: {timeout}");
    }

    fn unquote(text: &str) -> &str {
        text.trim().trim_end_matches([',', ']']).trim_matches('\'')
    }

    #[test]
    fn paths_map_to_routes() {
        assert_eq!(Route::from_path("/"), Route::Root);
        assert_eq!(Route::from_path(""), Route::Root);
        assert_eq!(Route::from_path("/security/mobile"), Route::MobileSecurity);
        assert_eq!(Route::from_path("/security/mobile/"), Route::MobileSecurity);
        assert_eq!(Route::from_path("/security/mobile/mdm-sync/extra"), Route::NotFound);
        assert_eq!(Route::from_path("/security"), Route::NotFound);
        assert_eq!(Route::from_path("//security/mobile"), Route::NotFound);
    }

    #[test]
    fn the_base_is_stripped_only_at_a_segment_boundary() {
        assert_eq!(strip_base("/security/mobile", ""), Some("/security/mobile"));
        assert_eq!(strip_base("/admin/mdm/security/mobile", "/admin/mdm/"), Some("/security/mobile"));
        assert_eq!(strip_base("/admin/mdm", "/admin/mdm"), Some("/"));
        assert_eq!(strip_base("/admin/mdmx/security", "/admin/mdm"), None);
        assert_eq!(strip_base("/elsewhere", "/admin/mdm"), None);
    }
}
