//! The `catalog!` macro: one declaration per catalog (`console.rs`, `kit.rs`).

/// Declares a catalog: its entries, in the order of its JSON files, each a `text`, a `template(values…)` or a
/// `count(values…)`. Generates the catalog's type, with one method per entry; `KEYS` and `SHAPES`, which the native
/// tests hold every language's file to; reading it natively (`bundled`, from the module's `catalog_json`) and in the
/// browser (`from_js`, from the array the page fetched).
macro_rules! catalog {
    (@method text $name:ident) => {
        pub fn $name(&self) -> &'static str {
            self.entries[Key::$name as usize].other
        }
    };
    (@method template $name:ident ($($arg:ident),*)) => {
        pub fn $name(&self, $($arg: &str),*) -> String {
            $crate::i18n::fill(self.entries[Key::$name as usize].other, &[$((stringify!($arg), $arg)),*])
        }
    };
    (@method count $name:ident ($($arg:ident),*)) => {
        pub fn $name(&self, n: u64, written: &str, $($arg: &str),*) -> String {
            let form = self.entries[Key::$name as usize].form(self.locale, n);
            $crate::i18n::fill(form, &[("n", written), $((stringify!($arg), $arg)),*])
        }
    };
    (@kind text) => { $crate::i18n::Kind::Text };
    (@kind template) => { $crate::i18n::Kind::Template };
    (@kind count) => { $crate::i18n::Kind::Count };
    (@placeholders count ($($arg:ident),*)) => { &["n", $(stringify!($arg)),*] };
    (@placeholders $kind:ident $(($($arg:ident),*))?) => { &[$($(stringify!($arg)),*)?] };
    ($(#[$meta:meta])* pub struct $catalog:ident; $($kind:ident $name:ident $(($($arg:ident),*))?,)*) => {
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        #[derive(Clone, Copy)]
        enum Key { $($name,)* }

        /// Every entry's key, in the declared order: the order of the JSON files, and of the arrays the browser loads.
        pub const KEYS: &[&str] = &[$(stringify!($name),)*];

        /// Every entry's kind and placeholders (a count's number is `{n}`), in the declared order.
        pub const SHAPES: &[($crate::i18n::Kind, &[&str])] =
            &[$((catalog!(@kind $kind), catalog!(@placeholders $kind $(($($arg),*))?)),)*];

        $(#[$meta])*
        pub struct $catalog {
            pub locale: &'static str,
            entries: [$crate::i18n::Entry; KEYS.len()],
        }

        impl $catalog {
            /// Reads every entry of the catalog; the first one missing is the error.
            pub fn read(
                locale: &'static str,
                source: &impl $crate::i18n::CatalogSource,
            ) -> Result<Self, $crate::i18n::MissingText> {
                let mut entries = [$crate::i18n::Entry::EMPTY; KEYS.len()];
                for (index, entry) in entries.iter_mut().enumerate() {
                    *entry = $crate::i18n::Entry::read(source, index)?;
                }
                Ok(Self { locale, entries })
            }

            $(catalog!(@method $kind $name $(($($arg),*))?);)*
        }

        /// The catalog of a language of `LOCALES`, compiled in; English for any other tag. Natively only: the mock
        /// backend's messages and the tests. The wasm holds no catalog.
        #[cfg(not(target_arch = "wasm32"))]
        pub fn bundled(tag: &str) -> &'static $catalog {
            use std::sync::OnceLock;
            use $crate::i18n::LOCALES;
            static READ: [OnceLock<$catalog>; LOCALES.len()] = [const { OnceLock::new() }; LOCALES.len()];
            let index = LOCALES.iter().position(|l| Some(l.tag) == $crate::i18n::supported(tag)).unwrap_or(0);
            READ[index].get_or_init(|| {
                let locale = LOCALES[index].tag;
                let json = catalog_json(locale).expect("every language has a catalog");
                let value: serde_json::Value = serde_json::from_str(json).expect("catalogs are JSON");
                $catalog::read(locale, &$crate::i18n::Keyed { value: &value, keys: KEYS })
                    .expect("catalogs are complete (tested)")
            })
        }

        #[cfg(feature = "ui")]
        thread_local! {
            /// Each language is read once per page, however often the admin switches to it.
            static READ_IN_PAGE: std::cell::RefCell<Vec<&'static $catalog>> = const { std::cell::RefCell::new(Vec::new()) };
        }

        /// The catalog of `tag` from the array the page fetched; the same catalog again when it was read before.
        #[cfg(feature = "ui")]
        pub fn from_js(tag: &str, entries: &wasm_bindgen::JsValue) -> Result<&'static $catalog, $crate::i18n::MissingText> {
            let locale = $crate::i18n::LOCALES.iter().find(|l| l.tag == tag).map_or("en", |l| l.tag);
            if let Some(read) = loaded(locale) {
                return Ok(read);
            }
            let read: &'static $catalog = Box::leak(Box::new($catalog::read(locale, entries)?));
            READ_IN_PAGE.with_borrow_mut(|all| all.push(read));
            Ok(read)
        }

        /// The catalog of `tag`, if the page has read it already.
        #[cfg(feature = "ui")]
        pub fn loaded(tag: &str) -> Option<&'static $catalog> {
            READ_IN_PAGE.with_borrow(|all| all.iter().copied().find(|s| s.locale == tag))
        }
    };
}
