//! Every route of the console, in one place: the hrefs that links use and the segments that the router matches are
//! generated from the same literals, so they cannot drift apart.

macro_rules! routes {
    (@path $($segment:literal),+) => { concat!($("/", $segment),+) };
    (@segment_type $segment:literal) => { leptos_router::StaticSegment<&'static str> };
    ($($(#[$doc:meta])* $name:ident => [$($segment:literal),*];)*) => {
        $($(#[$doc])* pub const $name: &str = routes!(@path $($segment),*);)*

        /// The same routes as segment tuples, for `<Route path=…>`.
        #[allow(non_snake_case)]
        pub mod segments {
            $(pub fn $name() -> ($(routes!(@segment_type $segment),)*) { ($(leptos_router::StaticSegment($segment),)*) })*
        }
    };
}

routes! {
    ROOT => [""];
    /// The Mobile Security overview.
    MOBILE_SECURITY => ["security", "mobile"];
    /// The 3rd-party MDM sync settings screen.
    MDM_SYNC => ["security", "mobile", "mdm-sync"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_ones_in_the_spec() {
        assert_eq!(ROOT, "/");
        assert_eq!(MOBILE_SECURITY, "/security/mobile");
        assert_eq!(MDM_SYNC, "/security/mobile/mdm-sync");
    }
}
