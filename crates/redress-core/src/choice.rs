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

impl Choice for crate::calendar::Division {
    fn all() -> &'static [Self] {
        use crate::calendar::Division::*;
        &[EnglandAndWales, Scotland, NorthernIreland]
    }
    fn value(self) -> &'static str {
        self.feed_key()
    }
    fn label(self) -> &'static str {
        crate::calendar::Division::label(self)
    }
}

impl Choice for crate::case::Channel {
    fn all() -> &'static [Self] {
        &Self::ALL
    }
    fn value(self) -> &'static str {
        use crate::case::Channel::*;
        match self {
            Phone => "phone",
            Email => "email",
            Letter => "letter",
            InPerson => "in_person",
            Website => "website",
            SocialMedia => "social_media",
            ThirdParty => "third_party",
        }
    }
    fn label(self) -> &'static str {
        crate::case::Channel::label(self)
    }
}

impl Choice for crate::case::ContactMethod {
    fn all() -> &'static [Self] {
        use crate::case::ContactMethod::*;
        &[Letter, Email, Phone, Text]
    }
    fn value(self) -> &'static str {
        use crate::case::ContactMethod::*;
        match self {
            Letter => "letter",
            Email => "email",
            Phone => "phone",
            Text => "text",
        }
    }
    fn label(self) -> &'static str {
        use crate::case::ContactMethod::*;
        match self {
            Letter => "Letter",
            Email => "Email",
            Phone => "Phone",
            Text => "Text message",
        }
    }
}

impl Choice for crate::report::self_assessment::Complies {
    fn all() -> &'static [Self] {
        use crate::report::self_assessment::Complies::*;
        &[Yes, Partly, No]
    }
    fn value(self) -> &'static str {
        use crate::report::self_assessment::Complies::*;
        match self {
            Yes => "yes",
            Partly => "partly",
            No => "no",
        }
    }
    fn label(self) -> &'static str {
        crate::report::self_assessment::Complies::label(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Choice;
    use crate::bundle::ConflictChoice;
    use crate::calendar::Division;
    use crate::case::{Channel, ContactMethod, FeedbackKind};
    use crate::engine::RemedyAnswer;
    use crate::guided::CblApplication;
    use crate::report::self_assessment::Complies;

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
        check::<Division>();
        check::<ContactMethod>();
        check::<Channel>();
        check::<Complies>();
        check::<CblApplication>();
        check::<RemedyAnswer>();
    }

    /// Where an answer is also saved, its value is how it is saved, so a form's value and the
    /// stored field are one word.
    fn same_as_saved<T: Choice + serde::Serialize + std::fmt::Debug>() {
        for c in T::all() {
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::Value::String(c.value().into()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn a_saved_answer_has_its_form_value() {
        same_as_saved::<FeedbackKind>();
        same_as_saved::<Division>();
        same_as_saved::<ContactMethod>();
        same_as_saved::<Channel>();
        same_as_saved::<Complies>();
        same_as_saved::<CblApplication>();
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
