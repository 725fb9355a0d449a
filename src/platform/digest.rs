use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// SHA-256 of `bytes`, by WebCrypto (`crypto.subtle.digest`); `None` where it is missing (an insecure context).
pub async fn sha256(bytes: &[u8]) -> Option<Vec<u8>> {
    let global = js_sys::global();
    let crypto = js_sys::Reflect::get(&global, &"crypto".into()).ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok().filter(|s| !s.is_undefined())?;
    let digest = js_sys::Reflect::get(&subtle, &"digest".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let data = js_sys::Uint8Array::from(bytes);
    let promise = digest.call2(&subtle, &"SHA-256".into(), &data).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let buffer = JsFuture::from(promise).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
