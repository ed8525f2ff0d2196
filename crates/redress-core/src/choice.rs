//! choice: a closed set of answers a form offers (the kind of feedback, what to do with a record
//! that differs), each with the value a form and an address use, the words a user reads and any
//! hint. The web app's `ChoiceRadios` draws a [`Choice`] as a group of radio buttons, so every
//! such question is asked the same way and its words live next to the enum they name.

/// A closed set of answers, in the order they are offered.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every answer, in the order a form offers them.
    fn all() -> &'static [Self];

    /// The answer's stable value: in a form, an element's id and an address. Lowercase, no
    /// spaces, unique within the set.
    fn value(self) -> &'static str;

    /// The answer as a user reads it.
    fn label(self) -> &'static str;

    /// More words shown under the label, if the answer needs them.
    fn hint(self) -> Option<&'static str> {
        None
    }

    /// The answer whose [`Choice::value`] this is.
    fn from_value(value: &str) -> Option<Self> {
        Self::all().iter().copied().find(|c| c.value() == value)
    }
}

impl Choice for crate::case::FeedbackKind {
    fn all() -> &'static [Self] {
        &Self::ALL
    }
    fn value(self) -> &'static str {
        self.name()
    }
    fn label(self) -> &'static str {
        crate::case::FeedbackKind::label(self)
    }
}

impl Choice for crate::bundle::ConflictChoice {
    fn all() -> &'static [Self] {
        use crate::bundle::ConflictChoice::*;
        &[KeepMine, TakeTheirs, KeepBoth]
    }
    fn value(self) -> &'static str {
        use crate::bundle::ConflictChoice::*;
        match self {
            KeepMine => "keepmine",
            TakeTheirs => "taketheirs",
            KeepBoth => "keepboth",
        }
    }
    fn label(self) -> &'static str {
        use crate::bundle::ConflictChoice::*;
        match self {
            KeepMine => "Keep mine and ignore the file's versions",
            TakeTheirs => "Replace mine with the file's versions",
            KeepBoth => "Keep both: save the file's versions as copies",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Choice;
    use crate::bundle::ConflictChoice;
    use crate::case::FeedbackKind;

    /// Every value is unique, a usable id (lowercase letters, digits, `_` or `-`), and reads back
    /// as its own answer; every label has words.
    fn check<T: Choice + std::fmt::Debug>() {
        let all = T::all();
        assert!(!all.is_empty());
        for (i, c) in all.iter().enumerate() {
            let v = c.value();
            assert!(
                !v.is_empty()
                    && v.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-'),
                "{c:?}'s value {v:?} is not a usable id"
            );
            assert!(all[i + 1..].iter().all(|o| o.value() != v), "{v:?} is used twice");
            assert_eq!(T::from_value(v), Some(*c));
            assert!(!c.label().trim().is_empty(), "{c:?} has no label");
        }
        assert_eq!(T::from_value("no such answer"), None);
    }

    #[test]
    fn every_choice_has_unique_values_that_read_back() {
        check::<FeedbackKind>();
        check::<ConflictChoice>();
    }

    #[test]
    fn the_values_are_the_ones_forms_and_addresses_already_use() {
        // The register's address filters by kind with these names, and the e2e tests find the
        // radios by them: a change here is a change of address.
        assert_eq!(FeedbackKind::Complaint.value(), "complaint");
        assert_eq!(FeedbackKind::MpOrCouncillorEnquiry.value(), "mp_or_councillor_enquiry");
        assert_eq!(FeedbackKind::all().len(), 5);
        assert_eq!(ConflictChoice::KeepBoth.value(), "keepboth");
    }
}
