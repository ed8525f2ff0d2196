//! steps: the guided complaint's step table — every page it can show, which of them a resident
//! or a helper goes through for the chosen policy and topic, what each asks and how its answer is
//! checked, where "Continue" and "Back" go, where a saved draft resumes, and the rows of "Check
//! your answers". The page only draws the step it is told to and follows [`Draft::next`] and
//! [`Draft::back`]. Pure.

use chrono::NaiveDate;

use super::{Draft, Question};
use crate::calendar::long_date;
use crate::case::{Adjustment, Case, ContactMethod, RepresentativeRole};
use crate::engine::Topic;
use crate::policy::{self, CODE_ID};

/// A problem with an answer: the id of the field to link to from the error summary, and what to
/// do about it.
pub type FieldError = (&'static str, String);

/// One page of the guided complaint (`/complaint/<id>`). `Ask` is a question asked only when it
/// matters for the chosen policy and topic (see [`Question::applies`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Who,
    Helper,
    Resident,
    Landlord,
    What,
    Words,
    When,
    Ongoing,
    Reported,
    Ask(Question),
    Outcome,
    Contact,
    Adjustments,
    Check,
    Result,
}

impl Step {
    /// Every step, in the order they are asked.
    pub const ALL: [Step; 22] = [
        Step::Who,
        Step::Helper,
        Step::Resident,
        Step::Landlord,
        Step::What,
        Step::Ask(Question::AsbMatter),
        Step::Ask(Question::StaffMatter),
        Step::Ask(Question::Decision),
        Step::Ask(Question::Allocation),
        Step::Ask(Question::Cbl),
        Step::Words,
        Step::When,
        Step::Ongoing,
        Step::Reported,
        Step::Ask(Question::FirstRaised),
        Step::Ask(Question::Screening),
        Step::Ask(Question::TimeExceptions),
        Step::Outcome,
        Step::Contact,
        Step::Adjustments,
        Step::Check,
        Step::Result,
    ];

    /// Its id in the address (`/complaint/<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Step::Who => "who",
            Step::Helper => "helper",
            Step::Resident => "resident",
            Step::Landlord => "landlord",
            Step::What => "what",
            Step::Words => "words",
            Step::When => "when",
            Step::Ongoing => "ongoing",
            Step::Reported => "reported",
            Step::Ask(q) => q.id(),
            Step::Outcome => "outcome",
            Step::Contact => "contact",
            Step::Adjustments => "adjustments",
            Step::Check => "check",
            Step::Result => "result",
        }
    }

    pub fn from_id(id: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Where a draft saved on `saved` (its `step`) resumes: that step, or the first question
    /// when nothing (or something this version does not know) was saved.
    pub fn resume(saved: &str) -> Step {
        Step::from_id(saved).unwrap_or(Step::Who)
    }

    /// The page's heading: the question it asks, in words for the resident or their helper.
    pub fn heading(self, helping: bool) -> &'static str {
        match (self, helping) {
            (Step::Who, _) => "Who is making this complaint?",
            (Step::Helper, _) => "About you, the helper",
            (Step::Resident, false) => "About you",
            (Step::Resident, true) => "About the resident",
            (Step::Landlord, false) => "Who is your landlord?",
            (Step::Landlord, true) => "Who is their landlord?",
            (Step::What, _) => "What is the problem mainly about?",
            (Step::Words, _) => "Tell us what is wrong, in your own words",
            (Step::When, _) => "When did the problem start?",
            (Step::Ongoing, _) => "Is the problem still happening?",
            (Step::Reported, _) => "Has the landlord been told about this before?",
            (Step::Ask(q), helping) => q.heading(helping),
            (Step::Outcome, _) => "What would put things right?",
            (Step::Contact, _) => "How should the landlord contact you?",
            (Step::Adjustments, _) => "Does the landlord need to change how it contacts you?",
            (Step::Check, _) => "Check your answers",
            (Step::Result, _) => "Your complaint",
        }
    }

    /// Whether this draft goes through the step: the helper's step only for a helper, a question
    /// only when it matters for the answers so far (as of `today`), every other step always.
    pub fn applies(self, draft: &Draft, today: NaiveDate) -> bool {
        match self {
            Step::Helper => draft.helping == Some(true),
            Step::Ask(q) => q.applies(draft, today),
            _ => true,
        }
    }
}

/// How a helper can be helping: the role, its id on the page (`role-<key>`) and its words.
pub const HELPER_ROLES: [(RepresentativeRole, &str, &str); 6] = [
    (RepresentativeRole::FamilyMember, "family_member", "A member of their family"),
    (RepresentativeRole::Friend, "friend", "A friend"),
    (RepresentativeRole::Advocate, "advocate", "An advocate or support worker"),
    (RepresentativeRole::AdviceAgency, "advice_agency", "An advice agency, such as Citizens Advice"),
    (RepresentativeRole::Councillor, "councillor", "Their local councillor"),
    (RepresentativeRole::Mp, "mp", "Their MP"),
];

/// How the landlord can contact them: the method, its id on the page (`contact-<key>`) and its
/// words.
pub const CONTACT_METHODS: [(ContactMethod, &str, &str); 4] = [
    (ContactMethod::Email, "email", "Email"),
    (ContactMethod::Phone, "phone", "Phone call"),
    (ContactMethod::Text, "text", "Text message"),
    (ContactMethod::Letter, "letter", "Letter"),
];

/// The reasonable adjustments offered: the adjustment, its element id and its words.
pub const ADJUSTMENTS: [(Adjustment, &str, &str); 4] = [
    (Adjustment::LargePrint, "adj-large-print", "Letters in large print"),
    (Adjustment::PhoneCallsInsteadOfLetters, "adj-phone", "Phone calls instead of letters"),
    (Adjustment::SomeoneToSpeakForMe, "adj-speaker", "Someone to speak for me"),
    (Adjustment::MoreTimeToReply, "adj-time", "More time to reply"),
];

impl Topic {
    /// Its id on the page (`topic-<key>`): the name it is saved under.
    pub fn key(self) -> &'static str {
        match self {
            Topic::Repairs => "repairs",
            Topic::DampAndMould => "damp_and_mould",
            Topic::StaffConduct => "staff_conduct",
            Topic::NeighbourNuisanceAsb => "neighbour_nuisance_asb",
            Topic::ServiceCharges => "service_charges",
            Topic::PolicyDecision => "policy_decision",
            Topic::HousingAllocation => "housing_allocation",
            Topic::Communication => "communication",
            Topic::Other => "other",
        }
    }
}

/// The landlords offered on "Who is your landlord?": each built-in policy but the Code, as
/// (policy id, landlord). The Code is the last choice, "My landlord is not listed".
pub fn landlords() -> Vec<(String, String)> {
    policy::builtin().iter().filter(|p| p.id != CODE_ID).map(|p| (p.id.clone(), p.landlord.clone())).collect()
}

/// One row of "Check your answers": what was asked, the answer, and the step that changes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub label: &'static str,
    pub value: String,
    pub change: Step,
}

impl Draft {
    /// The steps this draft goes through, in order, as of `today`. The step the user is on
    /// always counts, so "Back" and "Continue" work from it even when an answer given since
    /// means it would no longer be asked.
    pub fn sequence(&self, current: Step, today: NaiveDate) -> Vec<Step> {
        Step::ALL.into_iter().filter(|s| *s == current || s.applies(self, today)).collect()
    }

    /// "Question n of m" for `current`: its place among the questions (the result is not one).
    pub fn progress(&self, current: Step, today: NaiveDate) -> (usize, usize) {
        let sequence = self.sequence(current, today);
        let position = sequence.iter().position(|s| *s == current).unwrap_or(0);
        (position + 1, sequence.len() - 1)
    }

    /// What is wrong with the answers on `step`, each with its field; empty when it may be left.
    pub fn check(&self, step: Step, today: NaiveDate) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let helping = self.helping == Some(true);
        match step {
            Step::Who if self.helping.is_none() => {
                errors.push(("who-resident", "Select whether you are the resident or helping someone".into()))
            }
            Step::Helper => {
                if self.helper_name.trim().is_empty() {
                    errors.push(("helper-name", "Enter your name".into()));
                }
                if self.helper_role.is_none() {
                    errors.push(("role-family_member", "Select how you are helping".into()));
                }
            }
            Step::Resident if self.resident_name.trim().is_empty() => errors.push((
                "resident-name",
                if helping { "Enter the resident's name".into() } else { "Enter your name".into() },
            )),
            Step::Landlord => match &self.policy_id {
                None => errors.push(("landlord-forhousing", "Select the landlord".into())),
                Some(id) if id == CODE_ID && self.landlord_name.trim().is_empty() => {
                    errors.push(("landlord-name", "Enter the landlord's name".into()))
                }
                _ => {}
            },
            Step::What if self.topic.is_none() => {
                errors.push(("topic-repairs", "Select what the problem is about".into()))
            }
            Step::Words if self.description.trim().is_empty() => {
                errors.push(("description", "Describe the problem in your own words".into()))
            }
            Step::When if self.started.is_some_and(|s| s > today) => errors
                .push(("started-day", "The date the problem started must be today or in the past".into())),
            Step::Ongoing if self.still_happening.is_none() => {
                errors.push(("ongoing-yes", "Select whether the problem is still happening".into()))
            }
            Step::Reported if self.reported_before.is_none() => {
                errors.push(("reported-yes", "Select whether the landlord has been told before".into()))
            }
            Step::Ask(q) => errors.extend(q.error(self, today)),
            Step::Outcome if self.outcome_wanted.trim().is_empty() => {
                errors.push(("outcome", "Say what you would like the landlord to do".into()))
            }
            Step::Contact => match self.contact_method {
                None => errors.push(("contact-email", "Select how the landlord should contact you".into())),
                Some(method) if self.contact_detail.trim().is_empty() => errors.push((
                    "contact-detail",
                    match method {
                        ContactMethod::Email => "Enter the email address",
                        ContactMethod::Phone | ContactMethod::Text => "Enter the phone number",
                        ContactMethod::Letter => "Enter the postal address",
                    }
                    .into(),
                )),
                _ => {}
            },
            _ => {}
        }
        errors
    }

    /// "Continue" from `current`: the problems to fix first, or the next step (`None` on the
    /// result, the last). A question before `current` that this draft is asked but has not
    /// answered comes first: one added since the draft was saved (a draft from an older version
    /// resumes past it), or one that opened up when an earlier answer changed.
    pub fn next(&self, current: Step, today: NaiveDate) -> Result<Option<Step>, Vec<FieldError>> {
        let errors = self.check(current, today);
        if !errors.is_empty() {
            return Err(errors);
        }
        let sequence = self.sequence(current, today);
        let at = sequence.iter().position(|s| *s == current).unwrap_or(0);
        let missed =
            sequence[..at].iter().find(|s| matches!(s, Step::Ask(_)) && !self.check(**s, today).is_empty());
        Ok(missed.or(sequence.get(at + 1)).copied())
    }

    /// "Back" from `current`: the step before it, or `None` on the first (back to the start).
    pub fn back(&self, current: Step, today: NaiveDate) -> Option<Step> {
        let sequence = self.sequence(current, today);
        let at = sequence.iter().position(|s| *s == current).unwrap_or(0);
        at.checked_sub(1).map(|i| sequence[i])
    }

    /// Where this draft resumes: the step it was on when last saved.
    pub fn resume(&self) -> Step {
        Step::resume(&self.step)
    }

    /// The landlord as the resident named it: the listed landlord, or the name typed when it is
    /// not listed.
    pub fn landlord_label(&self) -> String {
        match self.policy_id.as_deref() {
            Some(CODE_ID) | None => self.landlord_name.trim().to_string(),
            Some(id) => policy::by_id(id).map(|p| p.landlord.clone()).unwrap_or_default(),
        }
    }

    /// The rows of "Check your answers", as of `today`: every fixed step's answer, and each
    /// question this draft is asked.
    pub fn summary(&self, today: NaiveDate) -> Vec<SummaryRow> {
        let yes_no = |v: Option<bool>| match v {
            Some(true) => "Yes",
            Some(false) => "No",
            None => "Not answered",
        };
        let row = |label: &'static str, value: String, change: Step| SummaryRow { label, value, change };
        let asked = self.questions(today);
        let ask_row = |q: Question| {
            asked.contains(&q).then(|| row(q.summary_label(), self.answer_text(q), Step::Ask(q)))
        };
        let mut rows = vec![row(
            "Who is complaining",
            if self.helping == Some(true) {
                format!("{} is helping", self.helper_name.trim())
            } else {
                "The resident".into()
            },
            Step::Who,
        )];
        rows.push(row("Resident", self.resident_name.trim().to_string(), Step::Resident));
        rows.push(row("Landlord", self.landlord_label(), Step::Landlord));
        rows.push(row(
            "What it is about",
            self.topic.map(|t| t.label().to_string()).unwrap_or_default(),
            Step::What,
        ));
        rows.extend(
            [
                Question::AsbMatter,
                Question::StaffMatter,
                Question::Decision,
                Question::Allocation,
                Question::Cbl,
            ]
            .into_iter()
            .filter_map(ask_row),
        );
        rows.push(row("In your own words", self.description.trim().to_string(), Step::Words));
        rows.push(row(
            "When it started",
            self.started.map(long_date).unwrap_or_else(|| "Not sure".into()),
            Step::When,
        ));
        rows.push(row("Still happening", yes_no(self.still_happening).into(), Step::Ongoing));
        rows.push(row("Reported before", yes_no(self.reported_before).into(), Step::Reported));
        rows.extend(
            [Question::FirstRaised, Question::Screening, Question::TimeExceptions]
                .into_iter()
                .filter_map(ask_row),
        );
        rows.push(row("What would put it right", self.outcome_wanted.trim().to_string(), Step::Outcome));
        rows.push(row("Contact", self.contact_detail.trim().to_string(), Step::Contact));
        let adjustments: Vec<String> = self.adjustments.iter().map(crate::letters::adjustment_text).collect();
        rows.push(row(
            "Changes to how you are contacted",
            if adjustments.is_empty() { "None".into() } else { adjustments.join("; ") },
            Step::Adjustments,
        ));
        rows
    }

    /// The id its case is saved under: the one chosen when the result was first shown, or a new
    /// one for `today` from `random` (which the caller then keeps in the draft, so a calendar
    /// file downloaded before the complaint is saved has the same UIDs as one after).
    pub fn case_id_or_new(&self, today: NaiveDate, random: u32) -> String {
        if self.case_id.is_empty() {
            Case::new_id(today, random)
        } else {
            self.case_id.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guided::Answer;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    /// Gives `step` a valid answer, the way a resident would on the page.
    fn answer(d: &mut Draft, step: Step, helping: bool, path: &Path) {
        match step {
            Step::Who => d.helping = Some(helping),
            Step::Helper => {
                d.helper_name = "Priya".into();
                d.helper_role = Some(path.role);
            }
            Step::Resident => d.resident_name = "Sam Jones".into(),
            Step::Landlord => {
                d.policy_id = Some(path.policy.to_string());
                if path.policy == CODE_ID {
                    d.landlord_name = "Northside Homes".into();
                }
            }
            Step::What => d.topic = Some(path.topic),
            Step::Words => d.description = "The bathroom ceiling is black with mould.".into(),
            Step::When => d.started = path.started,
            Step::Ongoing => d.still_happening = Some(path.ongoing),
            Step::Reported => d.reported_before = Some(path.reported),
            Step::Ask(q) => {
                if let Answer::Choose(choices) = q.answer(d) {
                    d.choose(q, choices[0].id);
                }
            }
            Step::Outcome => d.outcome_wanted = "Treat the mould.".into(),
            Step::Contact => {
                d.contact_method = Some(ContactMethod::Email);
                d.contact_detail = "sam@example.org".into();
            }
            Step::Adjustments | Step::Check | Step::Result => {}
        }
    }

    /// The answers that change which steps come up.
    struct Path {
        policy: &'static str,
        topic: Topic,
        role: RepresentativeRole,
        started: Option<NaiveDate>,
        ongoing: bool,
        reported: bool,
    }

    /// Walks from the first step to the result pressing "Continue": first with the step
    /// unanswered (the steps that need an answer refuse with their own messages and stay put),
    /// then answered. Returns the steps visited and the final draft.
    fn walk(helping: bool, path: &Path) -> (Vec<Step>, Draft) {
        let mut d = Draft::default();
        let mut at = d.resume();
        let mut visited = vec![at];
        while at != Step::Result {
            if let Err(errors) = d.next(at, today()) {
                assert!(!errors.is_empty());
                assert_eq!(errors, d.check(at, today()));
            }
            answer(&mut d, at, helping, path);
            let next = d.next(at, today()).unwrap_or_else(|e| panic!("{at:?} refused: {e:?}"));
            at = next.expect("only the result has no next step");
            // A saved draft remembers the step, and resumes there.
            d.step = at.id().to_string();
            assert_eq!(d.resume(), at);
            visited.push(at);
            assert!(visited.len() <= Step::ALL.len(), "the walk goes round in circles: {visited:?}");
        }
        assert_eq!(d.next(Step::Result, today()), Ok(None));
        (visited, d)
    }

    #[test]
    fn every_step_has_its_own_address_and_a_saved_draft_resumes_at_it() {
        for step in Step::ALL {
            assert_eq!(Step::from_id(step.id()), Some(step));
            assert_eq!(Step::resume(step.id()), step);
            assert_eq!(Draft { step: step.id().into(), ..Draft::default() }.resume(), step);
        }
        // Nothing saved yet, or a step this version does not know: the first question.
        assert_eq!(Draft::default().resume(), Step::Who);
        assert_eq!(Step::resume("no-such-step"), Step::Who);
    }

    #[test]
    fn a_resident_and_a_helper_under_progress_go_through_these_steps() {
        use Step::*;
        // Progress, damp and mould, reported before, still happening, no start date: the path the
        // end-to-end test takes. "Do any of these apply?" is the only question the policy adds.
        let path = Path {
            policy: "progress",
            topic: Topic::DampAndMould,
            role: RepresentativeRole::Advocate,
            started: None,
            ongoing: true,
            reported: true,
        };
        let resident = [
            Who,
            Resident,
            Landlord,
            What,
            Words,
            When,
            Ongoing,
            Reported,
            Ask(Question::Screening),
            Outcome,
            Contact,
            Adjustments,
            Check,
            Result,
        ];
        let (visited, d) = walk(false, &path);
        assert_eq!(visited, resident);
        assert_eq!(d.progress(Who, today()), (1, 13));
        assert_eq!(d.progress(Check, today()), (13, 13));
        // The helper has one more step, their own, straight after the first.
        let (visited, d) = walk(true, &path);
        let mut helper = resident.to_vec();
        helper.insert(1, Helper);
        assert_eq!(visited, helper);
        assert_eq!(d.progress(Helper, today()), (2, 14));
        // Back goes the same way in reverse, and off the first step to the start.
        let mut at = Result;
        let mut back = vec![at];
        while let Some(previous) = d.back(at, today()) {
            back.push(previous);
            at = previous;
        }
        back.reverse();
        assert_eq!(back, helper);
        assert_eq!(d.back(Who, today()), None);
    }

    #[test]
    fn every_path_through_the_table_continues_to_the_result_and_back() {
        let old = NaiveDate::from_ymd_opt(2019, 3, 1);
        let mut paths = 0;
        let mut asked = std::collections::BTreeSet::new();
        for policy in policy::builtin().iter().map(|p| p.id.as_str()) {
            for topic in Topic::ALL {
                for (started, ongoing, reported) in
                    [(None, true, true), (old, false, true), (old, false, false), (None, false, false)]
                {
                    for (helping, role) in [
                        (false, RepresentativeRole::Advocate),
                        (true, RepresentativeRole::FamilyMember),
                        (true, RepresentativeRole::Councillor),
                    ] {
                        let path = Path { policy, topic, role, started, ongoing, reported };
                        let (visited, d) = walk(helping, &path);
                        paths += 1;
                        // The steps visited are the draft's sequence, with the helper's step for a
                        // helper only, and every fixed step once.
                        assert_eq!(visited, d.sequence(Step::Result, today()), "{policy} {topic:?}");
                        assert_eq!(visited.contains(&Step::Helper), helping);
                        for step in
                            Step::ALL.into_iter().filter(|s| !matches!(s, Step::Ask(_) | Step::Helper))
                        {
                            assert_eq!(visited.iter().filter(|s| **s == step).count(), 1, "{step:?}");
                        }
                        // A question comes up exactly when it applies.
                        for q in Question::ALL {
                            assert_eq!(visited.contains(&Step::Ask(q)), q.applies(&d, today()), "{q:?}");
                            if visited.contains(&Step::Ask(q)) {
                                asked.insert(q.id());
                            }
                        }
                        // Back from each step is the one visited before it.
                        for pair in visited.windows(2) {
                            assert_eq!(d.back(pair[1], today()), Some(pair[0]));
                        }
                        assert_eq!(d.back(Step::Who, today()), None);
                        // Check your answers has a row for each question asked, with its change
                        // link to that step.
                        let rows = d.summary(today());
                        for q in Question::ALL {
                            assert_eq!(
                                rows.iter().any(|r| r.change == Step::Ask(q)),
                                visited.contains(&Step::Ask(q)),
                            );
                        }
                    }
                }
            }
        }
        // The five landlords and the Code; nine topics; four kinds of history; three people.
        assert_eq!(paths, 6 * 9 * 4 * 3);
        // Every question of the table is reached by some path.
        assert_eq!(asked.len(), Question::ALL.len(), "{asked:?}");
    }

    /// Walks a Progress complaint about a turned-down application from the first step to the
    /// result, choosing `allocation` and then `cbl` (if asked); the steps visited and the draft.
    fn walk_home(helping: bool, allocation: &str, cbl: &str) -> (Vec<Step>, Draft) {
        let path = Path {
            policy: "progress",
            topic: Topic::HousingAllocation,
            role: RepresentativeRole::FamilyMember,
            started: None,
            ongoing: true,
            reported: true,
        };
        let mut d = Draft::default();
        let mut at = Step::Who;
        let mut visited = vec![at];
        while at != Step::Result {
            match at {
                Step::Ask(Question::Allocation) => d.choose(Question::Allocation, allocation),
                Step::Ask(Question::Cbl) => {
                    // Unanswered, it says what to do and links to the first answer.
                    assert_eq!(
                        d.next(at, today()),
                        Err(vec![(
                            "cbl-yes",
                            "Select whether the application was made through Choice Based Lettings"
                                .to_string()
                        )])
                    );
                    d.choose(Question::Cbl, cbl);
                }
                _ => answer(&mut d, at, helping, &path),
            }
            at = d.next(at, today()).unwrap().expect("only the result has no next step");
            visited.push(at);
            assert!(visited.len() <= Step::ALL.len(), "{visited:?}");
        }
        (visited, d)
    }

    #[test]
    fn the_choice_based_lettings_question_comes_after_a_turned_down_application_under_progress() {
        use Step::*;
        let resident = [
            Who,
            Resident,
            Landlord,
            What,
            Ask(Question::Allocation),
            Ask(Question::Cbl),
            Words,
            When,
            Ongoing,
            Reported,
            Ask(Question::Screening),
            Outcome,
            Contact,
            Adjustments,
            Check,
            Result,
        ];
        for cbl in ["cbl-yes", "cbl-no", "cbl-not_sure"] {
            for helping in [false, true] {
                let (visited, d) = walk_home(helping, "allocation-refused", cbl);
                let mut expected = resident.to_vec();
                if helping {
                    expected.insert(1, Helper);
                }
                assert_eq!(visited, expected, "{cbl} helping {helping}");
                assert_eq!(d.choice(Question::Cbl), Some(cbl));
                // Back from the question is the allocation question, and back from the next step
                // is the question.
                assert_eq!(d.back(Ask(Question::Cbl), today()), Some(Ask(Question::Allocation)));
                assert_eq!(d.back(Words, today()), Some(Ask(Question::Cbl)));
                let at = visited.iter().position(|s| *s == Ask(Question::Cbl)).unwrap();
                assert_eq!(d.progress(Ask(Question::Cbl), today()), (at + 1, expected.len() - 1));
                // Its heading speaks to the resident or their helper.
                assert_eq!(
                    Ask(Question::Cbl).heading(helping),
                    if helping {
                        "Did they apply through Choice Based Lettings?"
                    } else {
                        "Did you apply through Choice Based Lettings?"
                    }
                );
                // Check your answers has its row, with a change link to it.
                let rows = d.summary(today());
                let row = rows.iter().find(|r| r.change == Ask(Question::Cbl)).expect("a row");
                assert_eq!(row.label, "Applied through Choice Based Lettings");
                assert_eq!(row.value, d.answer_text(Question::Cbl));
                assert_ne!(row.value, "Not answered");
            }
        }
        // Any other answer about a home goes straight on to the words.
        for other in ["allocation-offer", "allocation-handling"] {
            let (visited, _) = walk_home(false, other, "cbl-yes");
            assert!(!visited.contains(&Ask(Question::Cbl)), "{other}");
            let at = visited.iter().position(|s| *s == Ask(Question::Allocation)).unwrap();
            assert_eq!(visited[at + 1], Words);
        }
    }

    #[test]
    fn a_draft_saved_before_the_choice_based_lettings_question_opens_and_asks_it() {
        // Saved by a version without the question: no "cbl" at all, on the step after the
        // allocation question (and, in another draft, on "Check your answers").
        for saved_on in ["words", "check"] {
            let old = serde_json::json!({
                "step": saved_on, "helping": false, "resident_name": "Sam", "policy_id": "progress",
                "topic": "housing_allocation", "allocation": "challenge_refusal",
                "description": "They turned down my application.", "still_happening": true,
                "reported_before": true, "outcome_wanted": "Look again.", "contact_method": "email",
                "contact_detail": "sam@example.org", "legal_proceedings": false
            });
            let d: Draft = serde_json::from_value(old).unwrap();
            assert_eq!(d.cbl, None);
            let saved = Step::from_id(saved_on).unwrap();
            // It opens where it was left.
            assert_eq!(d.resume(), saved);
            assert!(d.questions(today()).contains(&Question::Cbl));
            // Continue asks the new question first; from there Continue goes on as usual.
            assert_eq!(d.next(saved, today()), Ok(Some(Step::Ask(Question::Cbl))));
            let mut answered = d.clone();
            answered.choose(Question::Cbl, "cbl-no");
            assert_eq!(answered.next(Step::Ask(Question::Cbl), today()), Ok(Some(Step::Words)));
            let after = if saved == Step::Words { Step::When } else { Step::Result };
            assert_eq!(answered.next(saved, today()), Ok(Some(after)));
            // Check your answers shows it unanswered, with its change link.
            let row = d.summary(today()).into_iter().find(|r| r.change == Step::Ask(Question::Cbl)).unwrap();
            assert_eq!(row.value, "Not answered");
            // Until it is answered, the triage treats it as a complaint.
            assert!(!d.answers().through_choice_based_lettings);
        }
    }

    #[test]
    fn a_step_the_user_is_on_still_counts_after_an_answer_that_drops_it() {
        // On "About you, the helper", the user goes back and says they are the resident: the
        // step they are on still has a Back and a Continue.
        let d = Draft { helping: Some(false), ..Draft::default() };
        assert_eq!(d.back(Step::Helper, today()), Some(Step::Who));
        assert!(d.sequence(Step::Helper, today()).contains(&Step::Helper));
        assert!(!d.sequence(Step::Resident, today()).contains(&Step::Helper));
    }

    #[test]
    fn each_step_says_what_is_missing_and_links_to_its_field() {
        let blank = Draft::default();
        let errors = |d: &Draft, step: Step| d.check(step, today());
        let one = |field: &'static str, message: &str| vec![(field, message.to_string())];
        assert_eq!(
            errors(&blank, Step::Who),
            one("who-resident", "Select whether you are the resident or helping someone")
        );
        assert_eq!(
            errors(&blank, Step::Helper),
            vec![
                ("helper-name", "Enter your name".to_string()),
                ("role-family_member", "Select how you are helping".to_string()),
            ]
        );
        assert_eq!(errors(&blank, Step::Resident), one("resident-name", "Enter your name"));
        let helping = Draft { helping: Some(true), ..Draft::default() };
        assert_eq!(errors(&helping, Step::Resident), one("resident-name", "Enter the resident's name"));
        assert_eq!(errors(&blank, Step::Landlord), one("landlord-forhousing", "Select the landlord"));
        let unlisted =
            Draft { policy_id: Some(CODE_ID.into()), landlord_name: "  ".into(), ..Draft::default() };
        assert_eq!(errors(&unlisted, Step::Landlord), one("landlord-name", "Enter the landlord's name"));
        assert_eq!(errors(&blank, Step::What), one("topic-repairs", "Select what the problem is about"));
        assert_eq!(errors(&blank, Step::Words), one("description", "Describe the problem in your own words"));
        // The start date may be left blank, but not be in the future.
        assert_eq!(errors(&blank, Step::When), vec![]);
        let future = Draft { started: today().succ_opt(), ..Draft::default() };
        assert_eq!(
            errors(&future, Step::When),
            one("started-day", "The date the problem started must be today or in the past")
        );
        assert_eq!(errors(&Draft { started: Some(today()), ..Draft::default() }, Step::When), vec![]);
        assert_eq!(
            errors(&blank, Step::Ongoing),
            one("ongoing-yes", "Select whether the problem is still happening")
        );
        assert_eq!(
            errors(&blank, Step::Reported),
            one("reported-yes", "Select whether the landlord has been told before")
        );
        assert_eq!(
            errors(&blank, Step::Outcome),
            one("outcome", "Say what you would like the landlord to do")
        );
        assert_eq!(
            errors(&blank, Step::Contact),
            one("contact-email", "Select how the landlord should contact you")
        );
        for (method, message) in [
            (ContactMethod::Email, "Enter the email address"),
            (ContactMethod::Phone, "Enter the phone number"),
            (ContactMethod::Text, "Enter the phone number"),
            (ContactMethod::Letter, "Enter the postal address"),
        ] {
            let d = Draft { contact_method: Some(method), ..Draft::default() };
            assert_eq!(errors(&d, Step::Contact), one("contact-detail", message));
        }
        for step in [Step::Adjustments, Step::Check, Step::Result] {
            assert_eq!(errors(&blank, step), vec![]);
        }
        // The policy's questions: each choose-one links to its first choice.
        let forhousing = |topic: Topic| Draft {
            policy_id: Some("forhousing".into()),
            topic: Some(topic),
            ..Draft::default()
        };
        let asb = forhousing(Topic::NeighbourNuisanceAsb);
        assert_eq!(
            errors(&asb, Step::Ask(Question::AsbMatter)),
            one("asb-report", "Select whether you are reporting it or unhappy with how it was dealt with")
        );
        assert_eq!(
            errors(&forhousing(Topic::StaffConduct), Step::Ask(Question::StaffMatter)),
            one("staff-behaviour", "Select what your complaint about the member of staff is")
        );
        assert_eq!(
            errors(&forhousing(Topic::ServiceCharges), Step::Ask(Question::Decision)),
            one("decision-wrong", "Select what is wrong with the decision")
        );
        assert_eq!(
            errors(&forhousing(Topic::HousingAllocation), Step::Ask(Question::Allocation)),
            one("allocation-refused", "Select what you want to do")
        );
        let raised = |first: Option<NaiveDate>, started: Option<NaiveDate>| Draft {
            first_raised: first,
            started,
            ..Draft::default()
        };
        let q = Step::Ask(Question::FirstRaised);
        assert_eq!(errors(&raised(None, None), q), vec![]);
        assert_eq!(
            errors(&raised(today().succ_opt(), None), q),
            one("first-raised-day", "The date you first told the landlord must be today or in the past")
        );
        assert_eq!(
            errors(&raised(NaiveDate::from_ymd_opt(2026, 1, 1), NaiveDate::from_ymd_opt(2026, 2, 1)), q),
            one(
                "first-raised-day",
                "The date you first told the landlord cannot be before the problem started: check both dates"
            )
        );
        // Ticking boxes may be left with none ticked.
        assert_eq!(errors(&blank, Step::Ask(Question::Screening)), vec![]);
        assert_eq!(errors(&blank, Step::Ask(Question::TimeExceptions)), vec![]);
        // "Continue" refuses with the same problems, and stays on the step.
        assert_eq!(blank.next(Step::Who, today()), Err(errors(&blank, Step::Who)));
    }

    #[test]
    fn headings_speak_to_the_resident_or_their_helper() {
        assert_eq!(Step::Resident.heading(false), "About you");
        assert_eq!(Step::Resident.heading(true), "About the resident");
        assert_eq!(Step::Landlord.heading(false), "Who is your landlord?");
        assert_eq!(Step::Landlord.heading(true), "Who is their landlord?");
        assert_eq!(Step::Ask(Question::Screening).heading(true), Question::Screening.heading(true));
    }

    #[test]
    fn check_your_answers_and_the_landlord_read_back_what_was_given() {
        let d = Draft {
            helping: Some(true),
            helper_name: " Priya ".into(),
            resident_name: "Sam".into(),
            policy_id: Some(CODE_ID.into()),
            landlord_name: " Northside Homes ".into(),
            topic: Some(Topic::Repairs),
            description: "The boiler.".into(),
            started: NaiveDate::from_ymd_opt(2026, 3, 27),
            still_happening: Some(true),
            reported_before: Some(false),
            outcome_wanted: "Fix it.".into(),
            contact_detail: "sam@example.org".into(),
            adjustments: vec![Adjustment::LargePrint, Adjustment::MoreTimeToReply],
            ..Draft::default()
        };
        assert_eq!(d.landlord_label(), "Northside Homes");
        let listed = Draft { policy_id: Some("progress".into()), ..d.clone() };
        assert_eq!(listed.landlord_label(), "Progress Housing Group");
        let rows: Vec<(&str, String, Step)> =
            d.summary(today()).into_iter().map(|r| (r.label, r.value, r.change)).collect();
        let expected = |label: &'static str, value: &str, change: Step| (label, value.to_string(), change);
        assert_eq!(rows[0], expected("Who is complaining", "Priya is helping", Step::Who));
        assert_eq!(rows[2], expected("Landlord", "Northside Homes", Step::Landlord));
        assert!(rows.contains(&expected("When it started", "27 March 2026", Step::When)));
        assert!(rows.contains(&expected("Still happening", "Yes", Step::Ongoing)));
        assert!(rows.contains(&expected("Reported before", "No", Step::Reported)));
        assert_eq!(
            rows.last().unwrap(),
            &expected(
                "Changes to how you are contacted",
                "letters in large print; more time to reply",
                Step::Adjustments
            )
        );
        let unanswered = Draft::default().summary(today());
        assert_eq!(unanswered[0].value, "The resident");
        assert!(unanswered.iter().any(|r| r.label == "When it started" && r.value == "Not sure"));
        assert!(unanswered.iter().any(|r| r.label == "Still happening" && r.value == "Not answered"));
        assert_eq!(unanswered.last().unwrap().value, "None");
    }

    #[test]
    fn a_case_id_is_the_day_and_eight_hex_digits_and_is_kept_once_chosen() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(Case::new_id(day, 0xbeef), "case-2026-12-01-0000beef");
        assert_eq!(Case::new_id(day, u32::MAX), "case-2026-12-01-ffffffff");
        assert_eq!(Draft::default().case_id_or_new(day, 1), "case-2026-12-01-00000001");
        let chosen = Draft { case_id: "case-2026-11-30-12345678".into(), ..Draft::default() };
        assert_eq!(chosen.case_id_or_new(day, 1), "case-2026-11-30-12345678");
    }

    #[test]
    fn the_page_ids_of_topics_are_the_names_they_are_saved_under() {
        for topic in Topic::ALL {
            assert_eq!(serde_json::to_value(topic).unwrap(), serde_json::json!(topic.key()));
        }
        assert_eq!(landlords().len(), policy::builtin().len() - 1);
        assert!(landlords().iter().all(|(id, _)| id != CODE_ID));
    }
}
