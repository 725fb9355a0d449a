use std::cell::RefCell;

use wasm_bindgen::JsValue;

thread_local! {
    /// The last language's `Intl.DateTimeFormat`, as its `format` function. Building one is what costs: ~0.7 ms at 4x
    /// CPU, against 0.04 ms to use one (measured in Chromium), and a page of sign-in checks and the Activity log
    /// write about 45 instants as they are first drawn.
    static LOCAL_TIME_FORMAT: RefCell<Option<(String, js_sys::Function)>> = const { RefCell::new(None) };
}

/// Seconds since the Unix epoch, by the browser's clock.
pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// An instant as the admin reads it: their own time zone, and the date format of the console's language `locale`.
pub fn local_time(locale: &str, unix_secs: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_secs as f64 * 1000.0));
    let format = LOCAL_TIME_FORMAT.with_borrow_mut(|cached| match cached {
        Some((language, format)) if language == locale => format.clone(),
        _ => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
            let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
            let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&locale.into()), &options).format();
            *cached = Some((locale.to_owned(), format.clone()));
            format
        }
    });
    // The same text as `date.toLocaleString(locale, options)`, which builds a new format at every call.
    format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|text| text.as_string()).unwrap_or_default()
}

/// An RFC 3339 timestamp from the API, in seconds since the epoch. The browser's own parser: the shared one in
/// `domain::time` would add a kilobyte to the wasm for the same answer.
pub fn parse_instant(text: &str) -> Option<i64> {
    let millis = js_sys::Date::parse(text);
    (!millis.is_nan()).then(|| (millis / 1000.0) as i64)
}

/// An RFC 3339 timestamp from the API in local time; the text itself if it does not parse.
pub fn local_time_rfc3339(locale: &str, text: &str) -> String {
    parse_instant(text).map_or_else(|| text.to_owned(), |secs| local_time(locale, secs))
}

/// Has the browser load what `Intl` needs for `locale` now: the page's first use of `Intl` loads ICU's data, ~100 ms
/// at 4x CPU (measured in Chromium), so that a caller chooses the task that pays for it. (Asked of
/// `requestIdleCallback` by the page's first script instead, Chromium ran it after the first screen was drawn in two
/// of three traced loads, not while the page waited for the wasm.)
pub fn prepare_intl(locale: &str) {
    let _ = number(locale, 0);
}

/// A count as the console's language `locale` writes it (`1,024`).
pub fn number(locale: &str, n: u64) -> String {
    js_sys::Number::from(n as f64).to_locale_string(locale).into()
}
