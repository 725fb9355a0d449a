//! The few primitives the mock needs, over `sha2` alone: HMAC-SHA256 for key fingerprints and secret comparison,
//! base64 for CSP hashes, and OS randomness.

use sha2::{Digest, Sha256};

const BLOCK: usize = 64;

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// HMAC-SHA256 (RFC 2104). Written out because it is a dozen lines and saves a crate.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&sha256(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

/// Whether two secrets are equal, in time that depends on neither their content nor their length:
/// both are reduced to a fixed-size MAC first, and the MACs are compared without an early exit.
pub fn secret_eq(mac_key: &[u8], a: &[u8], b: &[u8]) -> bool {
    let (a, b) = (hmac_sha256(mac_key, a), hmac_sha256(mac_key, b));
    let diff = a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Standard base64 with padding, as CSP hash sources use it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The per-process secret behind key fingerprints and secret comparison. A restart changes every fingerprint,
/// which is right for a mock: fingerprints only need to match each other within one run.
pub struct Secret([u8; 32]);

impl Secret {
    pub fn random() -> Self {
        Self(random_bytes())
    }

    /// A short keyed hash that tells keys apart in the audit trail without revealing them.
    pub fn fingerprint(&self, key: &str) -> String {
        hex(&hmac_sha256(&self.0, key.as_bytes()))[..16].to_owned()
    }

    pub fn eq(&self, a: &str, b: &str) -> bool {
        secret_eq(&self.0, a.as_bytes(), b.as_bytes())
    }
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // Without OS randomness the mock cannot keep fingerprints unguessable; refusing to start is the honest answer.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block is hashed first.
        assert_eq!(
            hex(&hmac_sha256(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn base64_matches_rfc_4648() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn secret_eq_compares_content() {
        let key = [7u8; 32];
        assert!(secret_eq(&key, b"same-value", b"same-value"));
        assert!(!secret_eq(&key, b"same-value", b"same-valuf"));
        assert!(!secret_eq(&key, b"short", b"shorter"));
    }
}
