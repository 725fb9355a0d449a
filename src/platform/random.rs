use crate::domain::key::{RandomError, RandomSource};

/// WebCrypto's `crypto.getRandomValues`, through `getrandom`'s `wasm_js` backend.
/// There is no fallback: if it fails, the admin is told, and no weaker key is made.
pub struct WebCrypto;

impl RandomSource for WebCrypto {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError> {
        getrandom::fill(buf).map_err(|_| RandomError)
    }
}
