//! The variables MDMs substitute in a String value of an App Configuration: text that the MDM replaces with a value
//! of its own (the user's e-mail, the device's serial number, a device tag) before the value reaches a device. A
//! custom key holding one reaches the devices changed, and no vendor documents a way to escape them. Each syntax is
//! cited in `docs/app-config-kit.md` ("Variable substitution").

use std::ops::Range;

/// A syntax of variables that some MDM replaces in a configuration value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variable {
    /// `{{name}}`: Microsoft Intune's tokens, on iOS/iPadOS and on Android Enterprise.
    DoubleBraces,
    /// `{Name}`: Workspace ONE UEM's lookup values.
    Braces,
    /// `${name}`: Ivanti Neurons for MDM's variables, and mobiConnect's device tags on Android (`${#key}`).
    DollarBraces,
    /// `$NAME$`: Ivanti EPMM's variables, and BizMobile Go!'s (`$user_email$`).
    DollarPair,
    /// `$NAME`: Jamf Pro's variables, and mobiConnect's (`$SerialNumber`).
    DollarName,
    /// `[name]`: mobiConnect's device tags in an iOS Managed App Configuration.
    Brackets,
    /// `%Name%`: Jamf School's payload variables, and Sophos Mobile's placeholders (`%_USERNAME_%`).
    Percent,
}

impl Variable {
    pub const ALL: [Variable; 7] = [
        Variable::DoubleBraces,
        Variable::Braces,
        Variable::DollarBraces,
        Variable::DollarPair,
        Variable::DollarName,
        Variable::Brackets,
        Variable::Percent,
    ];

    /// The syntax as the admin reads it.
    pub fn pattern(self) -> &'static str {
        match self {
            Variable::DoubleBraces => "{{…}}",
            Variable::Braces => "{…}",
            Variable::DollarBraces => "${…}",
            Variable::DollarPair => "$…$",
            Variable::DollarName => "$Name",
            Variable::Brackets => "[…]",
            Variable::Percent => "%…%",
        }
    }

    /// The first part of `value` (a byte range) that this syntax reads as a variable, if any.
    pub fn find(self, value: &str) -> Option<Range<usize>> {
        let bytes = value.as_bytes();
        let name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        // The first `close` after `from`, with no `open` before it and something between.
        let enclosed = |from: usize, open: u8, close: u8| -> Option<usize> {
            let end = from + bytes[from..].iter().position(|&b| b == open || b == close)?;
            (bytes[end] == close && end > from).then_some(end + 1)
        };
        (0..bytes.len()).find_map(|at| {
            let next = |offset: usize| bytes.get(at + offset).copied();
            let end = match (self, bytes[at]) {
                (Variable::DoubleBraces, b'{') if next(1) == Some(b'{') => {
                    let inner = at + 2;
                    let close = inner + value[inner..].find("}}")?;
                    Some(close + 2)
                }
                (Variable::Braces, b'{') => enclosed(at + 1, b'{', b'}'),
                (Variable::DollarBraces, b'$') if next(1) == Some(b'{') => enclosed(at + 2, b'{', b'}'),
                (Variable::DollarPair, b'$') => {
                    let len = bytes[at + 1..].iter().take_while(|&&b| name(b)).count();
                    (len > 0 && next(len + 1) == Some(b'$')).then_some(at + len + 2)
                }
                (Variable::DollarName, b'$') if next(1).is_some_and(|b| b.is_ascii_alphabetic() || b == b'_') => {
                    Some(at + 1 + bytes[at + 1..].iter().take_while(|&&b| name(b)).count())
                }
                (Variable::Brackets, b'[') => enclosed(at + 1, b'[', b']'),
                (Variable::Percent, b'%') => {
                    let len = bytes[at + 1..].iter().take_while(|&&b| name(b) || b == b'(' || b == b')').count();
                    (len > 0 && next(len + 1) == Some(b'%')).then_some(at + len + 2)
                }
                _ => None,
            }?;
            Some(at..end)
        })
    }
}
