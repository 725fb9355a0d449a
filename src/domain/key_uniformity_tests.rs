//! The generated alphabet is uniform: a chi-squared test over a million characters from the real sampler.

use super::key::{generate_key, RandomError, RandomSource, ALPHABET, GENERATED_LEN};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

const CHARACTERS: usize = 1_000_000;
/// The chi-squared value with 61 degrees of freedom that a uniform source exceeds with probability 0.001.
const CRITICAL_P001_DF61: f64 = 100.888;

struct ChaCha(ChaCha20Rng);
impl RandomSource for ChaCha {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError> {
        self.0.fill_bytes(buf);
        Ok(())
    }
}

fn chi_squared(counts: &[u64; 62]) -> f64 {
    let total: u64 = counts.iter().sum();
    let expected = total as f64 / 62.0;
    counts.iter().map(|&observed| (observed as f64 - expected).powi(2) / expected).sum()
}

/// Upper-tail probability of chi-squared with `df` degrees of freedom (Wilson–Hilferty; plenty for a report).
fn p_value(statistic: f64, df: f64) -> f64 {
    let z = ((statistic / df).cbrt() - (1.0 - 2.0 / (9.0 * df))) / (2.0 / (9.0 * df)).sqrt();
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    // Numerical Recipes' erfcc: relative error below 1.2e-7.
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

fn index_of(c: u8) -> usize {
    ALPHABET.iter().position(|&a| a == c).expect("generated characters come from the alphabet")
}

#[test]
fn the_sampler_is_uniform_over_a_million_characters() {
    let mut source = ChaCha(ChaCha20Rng::seed_from_u64(0x4d44_4d5f_5359_4e43));
    let mut counts = [0u64; 62];
    for _ in 0..CHARACTERS / GENERATED_LEN {
        for c in generate_key(&mut source).unwrap().bytes() {
            counts[index_of(c)] += 1;
        }
    }
    let statistic = chi_squared(&counts);
    let p = p_value(statistic, 61.0);
    println!("chi-squared over {CHARACTERS} characters: {statistic:.2} (df 61), p = {p:.4}");
    assert!(statistic < CRITICAL_P001_DF61, "chi-squared {statistic:.2} shows a bias (p = {p:.6})");
}

#[test]
fn the_same_test_catches_a_modulo_biased_mapping() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let mut counts = [0u64; 62];
    let mut bytes = vec![0u8; CHARACTERS];
    rng.fill_bytes(&mut bytes);
    for byte in bytes {
        counts[usize::from(byte % 62)] += 1;
    }
    let statistic = chi_squared(&counts);
    println!(
        "chi-squared of byte % 62 over {CHARACTERS} characters: {statistic:.2}, p = {:.2e}",
        p_value(statistic, 61.0)
    );
    assert!(statistic > CRITICAL_P001_DF61 * 10.0, "a biased mapping must fail the test, got {statistic:.2}");
}

#[test]
fn the_p_value_approximation_is_sound() {
    assert!((p_value(CRITICAL_P001_DF61, 61.0) - 0.001).abs() < 0.0003);
    assert!((p_value(60.0, 61.0) - 0.5).abs() < 0.05);
}
