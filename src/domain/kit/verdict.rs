//! What the value check answers (`check.rs`): the verdict, the reading it chose, and each difference between the
//! value and the key, named so that the console can say it in the admin's words.

use super::reading::Found;
use super::Field;

/// The answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing was pasted.
    Empty,
    /// No key has been saved or drafted to compare with.
    NothingSaved,
    /// What the paste was read as.
    Read(Reading),
}

/// Which key a reading is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Against {
    Saved,
    /// The draft's key, which is not saved yet: the MDM is ahead of LINE WORKS.
    Draft,
}

/// The value found in the paste, compared with a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub against: Against,
    /// What wrapped the value, when the paste held more than the value.
    pub found_in: Option<Found>,
    /// What differs from the key as devices must receive it, and escapes that are right for the MDM's field.
    pub differences: Vec<Difference>,
}

impl Reading {
    /// The MDM holds exactly the key, as devices must receive it.
    pub fn matches(&self) -> bool {
        self.differences.iter().all(|d| !d.is_mistake())
    }

    /// The value is the key, in a wrong form (quotes, spaces, a number, another name…) rather than another value.
    pub fn is_the_key(&self) -> bool {
        self.differences.iter().all(|d| !d.is_another_value())
    }
}

/// A reason a value is not the key as devices must receive it. Positions count characters from 1, as the admin
/// reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// Line breaks or tabs (pasted from a file or a table).
    LineBreaks,
    /// Spaces before or after the value.
    SurroundingSpaces,
    /// Zero-width, no-break and other spaces that do not show on screen.
    InvisibleSpaces,
    /// Full-width (ideographic) spaces, typed with a Japanese input method on.
    WideSpaces,
    /// Full-width letters, digits or symbols, typed through an input method (`ＡＢＣ１２３`).
    FullWidth,
    /// A character a keyboard or input method puts where the key has another (`¥` for `\`), first at `position`.
    Lookalike { kind: Lookalike, position: usize },
    /// Curly quotes where the key has straight ones.
    CurlyQuotes,
    /// The value in quotes, which the MDM would push as part of it.
    Quoted { open: char, close: char },
    /// Escaped for XML or JSON: right where the MDM's field is of that kind (it decodes them), wrong elsewhere.
    Escaped { escape: Escape, right_here: bool },
    /// The name the value is under is not exactly `LineworksAuthCode`.
    Name(NameProblem),
    /// The digits of the key, stored as a number on the way.
    AsNumber(NumberSign),
    /// The same characters, in another letter case.
    LetterCase,
    /// `count` characters of the key missing, from `position` of the key on.
    Missing { position: usize, count: usize },
    /// `count` characters more than the key has, from `position` of the value on.
    Extra { position: usize, count: usize },
    /// Another character than the key's at `position`.
    OtherCharacter { position: usize },
}

impl Difference {
    /// Whether devices would receive something else than the key because of it.
    pub fn is_mistake(&self) -> bool {
        !matches!(self, Difference::Escaped { right_here: true, .. })
    }

    /// Whether it makes the value another value, rather than the key in a wrong form.
    pub fn is_another_value(&self) -> bool {
        matches!(
            self,
            Difference::LetterCase
                | Difference::Missing { .. }
                | Difference::Extra { .. }
                | Difference::OtherCharacter { .. }
                | Difference::Name(NameProblem::Absent)
        )
    }
}

/// Characters that keyboards and input methods put in place of an ASCII one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookalike {
    /// `¥` or `￥` for `\`: a Japanese keyboard's key, and Japanese fonts draw `\` so.
    Yen,
    /// `₩` or `￦` for `\`: the same on a Korean keyboard.
    Won,
    /// `〜` (wave dash) for `~`, from a Japanese input method.
    WaveDash,
    /// `～` (full-width tilde) for `~`.
    FullWidthTilde,
    /// `‾` (overline) for `~`, from JIS X 0201's code page.
    Overline,
    /// A dash, a minus sign or the long-vowel mark `ー` for `-`.
    Dash,
}

impl Lookalike {
    /// The ASCII character it stands for.
    pub fn meant(self) -> char {
        match self {
            Lookalike::Yen | Lookalike::Won => '\\',
            Lookalike::WaveDash | Lookalike::FullWidthTilde | Lookalike::Overline => '~',
            Lookalike::Dash => '-',
        }
    }

    pub(super) fn of(c: char) -> Option<Lookalike> {
        Some(match c {
            '\u{00A5}' | '\u{FFE5}' => Lookalike::Yen,
            '\u{20A9}' | '\u{FFE6}' => Lookalike::Won,
            '\u{301C}' => Lookalike::WaveDash,
            '\u{FF5E}' => Lookalike::FullWidthTilde,
            '\u{203E}' | '\u{FFE3}' => Lookalike::Overline,
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF70}' | '\u{FE63}' => Lookalike::Dash,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// `&amp;`, `&lt;`, `&#92;`…
    Xml,
    /// `\\`, `\"`, `\u005c`…
    Json,
}

impl Escape {
    pub(super) fn field(self) -> Field {
        match self {
            Escape::Xml => Field::Xml,
            Escape::Json => Field::Json,
        }
    }
}

/// What is wrong with the name a value is under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// `LineworksAuthCode` in other letter case; the name as written.
    LetterCase(String),
    /// Close to `LineworksAuthCode`, spelled otherwise; the name as written.
    Spelling(String),
    /// Another name altogether (not shown: it may be anything the admin pasted).
    Other,
    /// The configuration holds no `LineworksAuthCode` at all.
    Absent,
}

/// How a value shows that the key was stored as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberSign {
    /// Its type is a number (Integer, Real), not String.
    Typed,
    /// The key's leading zeros are gone.
    LeadingZeros,
    /// Written with an exponent (`1.23457E+16`): digits lost.
    Exponent,
    /// Written with digit grouping (`12,345,678`).
    Grouping,
    /// The last digits turned to zeros: a spreadsheet keeps 15 digits.
    Rounded,
}
