//! The value check's answer in the admin's words (`domain::kit::check_value`): each difference, where the key was
//! found, and the verdict's title.

use super::PanelsStrings;
use crate::domain::kit::{
    Against, Difference, Escape, Found, Lookalike, Mdm, NameProblem, NumberSign, Reading, Wrapper,
};

impl PanelsStrings {
    /// One reason a value differs from the key, in the admin's words, for the MDM the admin uses; positions and
    /// counts as `number` writes them.
    pub fn difference(&self, difference: &Difference, mdm: Mdm, number: impl Fn(u64) -> String) -> String {
        let at = |position: usize| number(position as u64);
        match difference {
            Difference::LineBreaks => self.difference_line_breaks().to_owned(),
            Difference::SurroundingSpaces => self.difference_surrounding_spaces().to_owned(),
            Difference::InvisibleSpaces => self.difference_invisible_spaces().to_owned(),
            Difference::WideSpaces => self.difference_wide_spaces().to_owned(),
            Difference::FullWidth => self.difference_full_width().to_owned(),
            Difference::Lookalike { kind, position } => {
                let message = match kind {
                    Lookalike::Yen => Self::difference_yen,
                    Lookalike::Won => Self::difference_won,
                    Lookalike::WaveDash => Self::difference_wave_dash,
                    Lookalike::FullWidthTilde => Self::difference_full_width_tilde,
                    Lookalike::Overline => Self::difference_overline,
                    Lookalike::Dash => Self::difference_dash,
                };
                message(self, &at(*position))
            }
            Difference::CurlyQuotes => self.difference_curly_quotes().to_owned(),
            Difference::Quoted { open, close } => self.difference_quoted(&format!("{open} {close}")),
            Difference::Escaped { escape, right_here } => {
                let message = match (escape, right_here) {
                    (Escape::Xml, true) => Self::difference_xml_right,
                    (Escape::Xml, false) => Self::difference_xml_wrong,
                    (Escape::Json, true) => Self::difference_json_right,
                    (Escape::Json, false) => Self::difference_json_wrong,
                };
                message(self, self.mdm_name(mdm))
            }
            Difference::Name(problem) => match problem {
                NameProblem::LetterCase(name) => self.difference_name_case(name),
                NameProblem::Spelling(name) => self.difference_name_spelling(name),
                NameProblem::Other => self.difference_name_other().to_owned(),
                NameProblem::Absent => self.difference_name_absent().to_owned(),
            },
            Difference::AsNumber(sign) => match sign {
                NumberSign::Typed => self.difference_number_typed(),
                NumberSign::LeadingZeros => self.difference_number_leading_zeros(),
                NumberSign::Exponent => self.difference_number_exponent(),
                NumberSign::Grouping => self.difference_number_grouping(),
                NumberSign::Rounded => self.difference_number_rounded(),
            }
            .to_owned(),
            Difference::LetterCase => self.difference_letter_case().to_owned(),
            Difference::Missing { position, count } => {
                self.difference_missing(*count as u64, &number(*count as u64), &at(*position))
            }
            Difference::Extra { position, count } => {
                self.difference_extra(*count as u64, &number(*count as u64), &at(*position))
            }
            Difference::OtherCharacter { position } => self.difference_other_character(&at(*position)),
        }
    }

    /// Where the value was read from, and under which name when that is shown.
    pub fn found_in(&self, found: &Found) -> String {
        let place = match found.wrapper {
            Wrapper::Xml => self.wrapper_xml(),
            Wrapper::Json => self.wrapper_json(),
            Wrapper::AndroidBundle => self.wrapper_android(),
            Wrapper::AppleDictionary => self.wrapper_apple(),
            Wrapper::Equals => self.wrapper_equals(),
            Wrapper::Colon => self.wrapper_colon(),
            Wrapper::Columns => self.wrapper_columns(),
        };
        match &found.name {
            Some(name) => self.found_in_place(place, name),
            None => self.found_in_unnamed(place),
        }
    }

    /// The title of a verdict that is not a match: the key in a wrong form, or another value.
    pub fn verdict_title(&self, reading: &Reading) -> &'static str {
        match (reading.is_the_key(), reading.against) {
            (true, Against::Saved) => self.verdict_key_but(),
            (true, Against::Draft) => self.verdict_draft_but(),
            (false, Against::Saved) => self.verdict_differs(),
            (false, Against::Draft) => self.verdict_differs_draft(),
        }
    }
}
