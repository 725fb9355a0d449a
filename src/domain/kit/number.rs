//! A key of digits that went through a number on its way to the MDM: typed as Integer or Real, or kept by a
//! spreadsheet that reads digits as a number. What comes out shows how: the leading zeros gone, an exponent
//! (`1.23457E+16`), digit grouping (`12,345,678`), or the last digits turned to zeros (a spreadsheet keeps 15).

use super::verdict::NumberSign;

/// How `value` shows that the digits of `key` were stored as a number; `None` when `value` is not that number.
pub(super) fn as_number(value: &str, key: &str) -> Option<NumberSign> {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = match key.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    let value = value.strip_prefix('+').unwrap_or(value);
    if let Some((mantissa, exponent)) = value.split_once(['e', 'E']) {
        return exponent_form(mantissa, exponent, significant).then_some(NumberSign::Exponent);
    }
    let (digits, grouped) = match ungrouped(value) {
        Some(digits) => (digits, true),
        None => (value.to_owned(), false),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = match digits.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    if digits == significant {
        return if grouped {
            Some(NumberSign::Grouping)
        } else {
            (significant.len() < key.len()).then_some(NumberSign::LeadingZeros)
        };
    }
    // A spreadsheet keeps 15 significant digits, and writes zeros for the rest.
    let kept = digits.trim_end_matches('0');
    let rounded = significant.len() > 15 && digits.len() == significant.len() && (1..=15).contains(&kept.len());
    (rounded && rounds_to(kept, significant)).then_some(if grouped {
        NumberSign::Grouping
    } else {
        NumberSign::Rounded
    })
}

/// `d.ddd E±n` (or `ddd.dE+n`): the same magnitude as `significant`, and its first digits, rounded.
fn exponent_form(mantissa: &str, exponent: &str, significant: &str) -> bool {
    let Ok(exponent) = exponent.strip_prefix('+').unwrap_or(exponent).parse::<usize>() else { return false };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digit_run = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let whole = whole.trim_start_matches('0');
    if whole.is_empty() || !digit_run(whole) || !digit_run(fraction) || whole.len() + exponent != significant.len() {
        return false;
    }
    let digits = format!("{whole}{fraction}");
    let kept = digits.trim_end_matches('0');
    kept.len() <= significant.len() && rounds_to(kept, significant)
}

/// Whether the digits `kept` are the first digits of `significant`, cut or rounded up.
fn rounds_to(kept: &str, significant: &str) -> bool {
    let prefix = &significant[..kept.len()];
    if kept == prefix {
        return true;
    }
    // The prefix plus one, carried ("129" up is "130"); a carry past the first digit changes the magnitude.
    let mut up: Vec<u8> = prefix.bytes().collect();
    for digit in up.iter_mut().rev() {
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            return kept.as_bytes() == up.as_slice();
        }
    }
    false
}

/// The digits of a number written with grouping (`12,345,678`, `12.345.678`, `12 345 678`, `12'345'678`): one
/// separator throughout, groups of three after the first.
fn ungrouped(value: &str) -> Option<String> {
    let separator = value.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, ',' | '.' | '\'' | ' ' | '\u{2009}' | '\u{202F}' | '\u{00A0}' | '\u{FF0C}' | '_') {
        return None;
    }
    let groups: Vec<&str> = value.split(separator).collect();
    let digits = |group: &str| group.bytes().all(|b| b.is_ascii_digit());
    let (first, rest) = groups.split_first()?;
    let well_formed = (1..=3).contains(&first.len())
        && digits(first)
        && !rest.is_empty()
        && rest.iter().all(|group| group.len() == 3 && digits(group));
    well_formed.then(|| groups.concat())
}
