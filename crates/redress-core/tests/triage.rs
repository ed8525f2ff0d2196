//! The guided complaint's triage, policy by policy, driven through the questions a resident
//! answers (`guided::Draft` and `guided::Question`), not by setting the engine's answers by hand:
//! every outcome (a complaint, a service request, each exclusion the flow can reach, out of time
//! with and without discretion), and a check that every exclusion of every policy is reachable by
//! some answer or is on the association's refusal list for a documented reason.
//!
//! Expected outcomes come from the seed texts (`../shared/seeds/`), cited beside each row.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, Division};
use redress_core::case::RepresentativeRole;
use redress_core::engine::{self, triage, Topic, Triage, TriageOutcome};
use redress_core::guided::{Answer, CblApplication, Draft, Flag, Question};
use redress_core::policy::{self, by_id, LimitEnd};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The day every case here is triaged on.
fn today() -> NaiveDate {
    d("2026-11-23")
}

/// A resident under `policy` whose problem, about `topic`, was reported before and is still
/// happening: nothing else is said yet.
fn draft(policy: &str, topic: Topic) -> Draft {
    Draft {
        helping: Some(false),
        policy_id: Some(policy.into()),
        topic: Some(topic),
        reported_before: Some(true),
        still_happening: Some(true),
        ..Draft::default()
    }
}

fn run(draft: &Draft) -> Triage {
    triage(draft.policy(), &draft.answers(), &Calendar::builtin(Division::EnglandAndWales), today())
}

/// The outcome's name, and the exclusion for "not covered".
fn outcome(t: &Triage) -> String {
    match &t.outcome {
        TriageOutcome::Complaint => "complaint".into(),
        TriageOutcome::ServiceRequest { .. } => "service_request".into(),
        TriageOutcome::NotCovered { exclusion, .. } => format!("not_covered:{exclusion}"),
        TriageOutcome::OutsideTimeLimit { .. } => "outside_time_limit".into(),
    }
}

/// Answers `q` with the choice `id`, checking the flow asks it.
fn choose(mut draft: Draft, q: Question, id: &str) -> Draft {
    assert!(q.applies(&draft, today()), "{:?} is not asked of {:?}", q, draft.policy_id);
    let Answer::Choose(choices) = q.answer(&draft) else { panic!("{q:?} is not a choice") };
    assert!(choices.iter().any(|c| c.id == id), "{q:?} has no {id} for {:?}", draft.policy_id);
    draft.choose(q, id);
    assert_eq!(draft.choice(q), Some(id));
    draft
}

/// Ticks a box on "Do any of these apply?", checking the flow shows it for this policy.
fn tick(mut draft: Draft, flag: Flag) -> Draft {
    let Answer::Tick(checks) = Question::Screening.answer(&draft) else { panic!() };
    assert!(checks.iter().any(|c| c.flag == flag), "{flag:?} is not shown for {:?}", draft.policy_id);
    draft.set_flag(flag, true);
    draft
}

/// Asserts the outcome and its clause; returns the triage for more checks.
fn expect(draft: &Draft, want: &str, clause: &str) -> Triage {
    let t = run(draft);
    assert_eq!((outcome(&t).as_str(), t.clause.as_str()), (want, clause), "{draft:?}");
    assert!(t.ombudsman_right.contains("Housing Ombudsman"));
    t
}

fn complaint_under_code(t: &Triage) -> bool {
    matches!(t.outcome, TriageOutcome::NotCovered { complaint_under_code: true, .. })
}

/// An old problem that has stopped: it started on 1 March 2026 (more than six months before
/// 23 November 2026, less than twelve).
fn old(mut draft: Draft, started: &str) -> Draft {
    draft.started = Some(d(started));
    draft.still_happening = Some(false);
    draft
}

#[test]
fn forhousing() {
    let p = "forhousing";
    // Key terms: a complaint includes "the behaviour of ForHousing staff or contractors".
    expect(&draft(p, Topic::Repairs), "complaint", "Key terms & definitions");
    expect(&Draft { reported_before: Some(false), ..draft(p, Topic::Repairs) }, "service_request", "11");
    let staff = draft(p, Topic::StaffConduct);
    expect(
        &choose(staff.clone(), Question::StaffMatter, "staff-behaviour"),
        "complaint",
        "Key terms & definitions",
    );
    // Does not apply: "Issues that involve a member of staff that would be covered by HR policies".
    let hr = expect(
        &choose(staff, Question::StaffMatter, "staff-hr"),
        "not_covered:staff_conduct_hr",
        "Policy (does not apply)",
    );
    assert!(!hr.write_letter());
    // 11: only "Reports of neighbour nuisance or Anti-Social Behaviour".
    let asb = draft(p, Topic::NeighbourNuisanceAsb);
    let handled = expect(
        &choose(asb.clone(), Question::AsbMatter, "asb-handling"),
        "complaint",
        "Key terms & definitions",
    );
    assert!(handled.write_letter());
    expect(&choose(asb, Question::AsbMatter, "asb-report"), "not_covered:neighbour_nuisance_asb", "11");
    // 11: only "the correct application of policy such as rent increases".
    let decision = draft(p, Topic::PolicyDecision);
    expect(
        &choose(decision.clone(), Question::Decision, "decision-wrong"),
        "complaint",
        "Key terms & definitions",
    );
    expect(
        &choose(decision, Question::Decision, "decision-disagree"),
        "not_covered:correct_application_of_policy",
        "11",
    );
    expect(
        &choose(draft(p, Topic::ServiceCharges), Question::Decision, "decision-disagree"),
        "not_covered:correct_application_of_policy",
        "11",
    );
    // 11: "Appeals against an allocation of housing": a refusal or an offer, not how it was handled.
    // Any allocation decision, however the application was made: the Choice Based Lettings
    // question is not asked, and an answer to it (left from another landlord) changes nothing.
    let home = draft(p, Topic::HousingAllocation);
    let refused = choose(home.clone(), Question::Allocation, "allocation-refused");
    assert!(!Question::Cbl.applies(&refused, today()));
    for cbl in [None, Some(CblApplication::Yes), Some(CblApplication::No), Some(CblApplication::NotSure)] {
        let d = Draft { cbl, ..refused.clone() };
        expect(&d, "not_covered:housing_allocation_appeal", "11");
    }
    expect(
        &choose(home.clone(), Question::Allocation, "allocation-refused"),
        "not_covered:housing_allocation_appeal",
        "11",
    );
    expect(
        &choose(home.clone(), Question::Allocation, "allocation-offer"),
        "not_covered:housing_allocation_appeal",
        "11",
    );
    expect(
        &choose(home, Question::Allocation, "allocation-handling"),
        "complaint",
        "Key terms & definitions",
    );
    // Does not apply: legal action "taken or is planned"; insurance; services for another body.
    let base = draft(p, Topic::Repairs);
    let filed = expect(
        &tick(base.clone(), Flag::Legal),
        "not_covered:legal_proceedings",
        "Policy (does not apply); 11",
    );
    assert!(!complaint_under_code(&filed));
    // Planned action is excluded by the policy, but the Code accepts only a claim filed at court.
    let planned = expect(
        &tick(base.clone(), Flag::LegalPlanned),
        "not_covered:legal_proceedings",
        "Policy (does not apply); 11",
    );
    assert!(complaint_under_code(&planned) && planned.write_letter());
    assert!(planned.code_says.unwrap().contains("filed at court"));
    expect(
        &tick(base.clone(), Flag::Insurance),
        "not_covered:insurance_claim",
        "Policy (does not apply); 11",
    );
    expect(
        &tick(base.clone(), Flag::OtherOrganisation),
        "not_covered:services_for_other_organisation",
        "Policy (does not apply)",
    );
    // 7: a councillor or MP is assumed to have consent: still a complaint.
    let mp = Draft { helping: Some(true), helper_role: Some(RepresentativeRole::Mp), ..base.clone() };
    expect(&mp, "complaint", "Key terms & definitions");
    // 9: six months, "but we have the discretion to consider cases outside of this timescale".
    let t = expect(&old(base, "2026-03-01"), "outside_time_limit", "9");
    assert!(matches!(t.outcome, TriageOutcome::OutsideTimeLimit { discretion: true, .. }));
    assert!(t.explanation().unwrap().contains("can still choose to look at it"), "{:?}", t.explanation());
}

#[test]
fn together() {
    let p = "together";
    // 2.2, 2.3: the Ombudsman's definition, including "the unprofessional behaviour of a member of staff".
    expect(&draft(p, Topic::Repairs), "complaint", "2.2");
    let staff = draft(p, Topic::StaffConduct);
    assert!(!Question::StaffMatter.applies(&staff, today()), "Together has no HR exclusion to ask about");
    expect(&staff, "complaint", "2.2");
    expect(&Draft { reported_before: Some(false), ..draft(p, Topic::Repairs) }, "service_request", "2.4");
    // 2.4: "Reports of neighbour nuisance or anti-social behaviour", not how they were handled.
    let asb = draft(p, Topic::NeighbourNuisanceAsb);
    expect(&choose(asb.clone(), Question::AsbMatter, "asb-handling"), "complaint", "2.2");
    let report =
        expect(&choose(asb, Question::AsbMatter, "asb-report"), "not_covered:neighbour_nuisance_asb", "2.4");
    assert!(matches!(report.outcome, TriageOutcome::NotCovered { discretion: true, .. }), "2.4 \"may not\"");
    let base = draft(p, Topic::Repairs);
    // A report of ASB ticked under another topic.
    expect(&tick(base.clone(), Flag::AsbReport), "not_covered:neighbour_nuisance_asb", "2.4");
    for (flag, exclusion) in [
        (Flag::Legal, "legal_proceedings"),
        (Flag::Insurance, "insurance_claim"),
        (Flag::Already, "already_through_process"),
        (Flag::NotLandlordsService, "services_not_provided"),
        (Flag::DataProtection, "data_protection"),
        (Flag::Director, "director_complaint"),
    ] {
        expect(&tick(base.clone(), flag), &format!("not_covered:{exclusion}"), "2.4");
    }
    // 2.4 "ongoing legal proceedings or investigation": an investigation is not a claim at court.
    let investigation =
        expect(&tick(base.clone(), Flag::Investigation), "not_covered:legal_proceedings", "2.4");
    assert!(complaint_under_code(&investigation));
    // 2.4: more than 6 months before receipt, "exceptions considered where safeguarding or Health
    // & Safety is a factor". The exception is asked, and reaches the resident.
    let older = old(base, "2026-03-01");
    assert!(Question::TimeExceptions.applies(&older, today()));
    let plain = expect(&older, "outside_time_limit", "2.4");
    assert!(matches!(
        plain.outcome,
        TriageOutcome::OutsideTimeLimit { discretion: true, named_exception: false, .. }
    ));
    let mut safeguarding = older.clone();
    safeguarding.set_flag(Flag::Safeguarding, true);
    let t = expect(&safeguarding, "outside_time_limit", "2.4");
    match &t.outcome {
        TriageOutcome::OutsideTimeLimit { named_exception, why_discretion_may_apply, .. } => {
            assert!(*named_exception);
            assert_eq!(
                why_discretion_may_apply,
                &["it involves safeguarding or health and safety".to_string()]
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(t.explanation().unwrap().contains("names this as a reason"), "{:?}", t.explanation());
    // 7.1: a councillor or MP is a designated person; no written permission is asked of them.
    let councillor = Draft {
        helping: Some(true),
        helper_role: Some(RepresentativeRole::Councillor),
        ..draft(p, Topic::Repairs)
    };
    expect(&councillor, "complaint", "2.2");
}

#[test]
fn progress() {
    let p = "progress";
    expect(&draft(p, Topic::DampAndMould), "complaint", "4.2.1");
    // 2.3.2: a request for service, which "may progress to a complaint".
    let first = expect(
        &Draft { reported_before: Some(false), ..draft(p, Topic::Repairs) },
        "service_request",
        "2.3.2",
    );
    assert!(!first.write_letter());
    // 2.3.1: "complaints regarding anti-social behaviour or neighbour nuisance" follow the ASB
    // policy: reports, and (unlike ForHousing and Together) complaints about them too. The Code
    // treats a complaint about how reports were handled as a complaint, so a letter is offered.
    let asb = draft(p, Topic::NeighbourNuisanceAsb);
    expect(
        &choose(asb.clone(), Question::AsbMatter, "asb-report"),
        "not_covered:neighbour_nuisance_asb",
        "2.3.1",
    );
    let handled =
        expect(&choose(asb, Question::AsbMatter, "asb-handling"), "not_covered:asb_handling", "2.3.1");
    assert!(complaint_under_code(&handled) && handled.write_letter());
    assert_eq!(
        handled.heading(),
        "Your landlord's policy says it does not cover this, but the law says it is a complaint"
    );
    // 2.3.3: "Appeals concerning an unsuccessful housing application under the Choice Based
    // Lettings schemes of which we are a partner member. The partnership policy will apply should
    // an applicant challenge the Choice Based Lettings review/appeal decision." Only an application
    // made through Choice Based Lettings goes to the scheme's review or appeal. Any other
    // turned-down application, or one the resident is not sure about, is "an expression of
    // dissatisfaction ... about the ... actions ... by the organisation" (4.2.1): a complaint. (This
    // row used to expect every turned-down application to go to the appeal route, without asking
    // how it was made: wrong per the seed, fidelity audit 9.1(e).)
    let home = draft(p, Topic::HousingAllocation);
    let refused = choose(home.clone(), Question::Allocation, "allocation-refused");
    let appeal = expect(
        &choose(refused.clone(), Question::Cbl, "cbl-yes"),
        "not_covered:housing_allocation_appeal",
        "2.3.3",
    );
    assert!(!appeal.write_letter());
    assert_eq!(appeal.heading(), "Your landlord's complaints policy does not cover this");
    assert!(appeal.plain.contains("Choice Based Lettings"), "{}", appeal.plain);
    let instead = appeal.explanation().unwrap();
    assert!(instead.contains("Ask the Choice Based Lettings scheme for a review or appeal"), "{instead}");
    assert!(instead.contains("the partnership's own policy applies"), "{instead}");
    for other in ["cbl-no", "cbl-not_sure"] {
        let t = expect(&choose(refused.clone(), Question::Cbl, other), "complaint", "4.2.1");
        assert!(t.write_letter(), "{other}");
    }
    // Not answered yet (a draft saved before the question existed): a complaint until it is.
    assert!(Question::Cbl.applies(&refused, today()));
    expect(&refused, "complaint", "4.2.1");
    // An objection to an offer, or how the application was handled: a complaint, and the Choice
    // Based Lettings question is not asked.
    for other in ["allocation-offer", "allocation-handling"] {
        let d = choose(home.clone(), Question::Allocation, other);
        assert!(!Question::Cbl.applies(&d, today()), "{other}");
        // An answer left from before the choice changed is not used.
        let stale = Draft { cbl: Some(CblApplication::Yes), ..d };
        expect(&stale, "complaint", "4.2.1");
    }
    // No decision question: Progress excludes neither the correct application of a policy nor
    // a request for an explanation.
    assert!(!Question::Decision.applies(&draft(p, Topic::PolicyDecision), today()));
    expect(&draft(p, Topic::PolicyDecision), "complaint", "4.2.1");
    let base = draft(p, Topic::Repairs);
    expect(&tick(base.clone(), Flag::Legal), "not_covered:legal_proceedings", "2.3.4");
    expect(&tick(base.clone(), Flag::NotLandlordsService), "not_covered:services_not_provided", "2.3.5");
    expect(&tick(base.clone(), Flag::Already), "not_covered:already_through_process", "2.3.7");
    // 2.2: "This Policy does not apply to: Concert Living customers/residents".
    expect(&tick(base.clone(), Flag::ExcludedCustomer), "not_covered:not_covered_customer", "2.2");
    // An MP's enquiry is answered directly (4.3.17): still a complaint.
    expect(
        &Draft { helping: Some(true), helper_role: Some(RepresentativeRole::Mp), ..base.clone() },
        "complaint",
        "4.2.1",
    );
}

/// Progress 2.3.6: "matters that occurred over six months before the customer raised the
/// complaint/dissatisfaction to the Group for the first time". Started 1 March 2026; six months
/// later is 1 September 2026.
#[test]
fn progress_counts_six_months_to_when_the_problem_was_first_raised() {
    let older = old(draft("progress", Topic::Repairs), "2026-03-01");
    assert_eq!(by_id("progress").unwrap().time_limit.as_ref().unwrap().counts_to, LimitEnd::FirstRaised);
    // Without a date the limit counts to today (23 November): out of time, and the policy names
    // no discretion, so the resident is told so plainly.
    assert!(Question::FirstRaised.applies(&older, today()));
    let t = expect(&older, "outside_time_limit", "2.3.6");
    match &t.outcome {
        TriageOutcome::OutsideTimeLimit { discretion, limit_date, counted_to, .. } => {
            assert_eq!((*discretion, *limit_date, *counted_to), (false, d("2026-09-01"), today()));
        }
        other => panic!("{other:?}"),
    }
    let said = t.explanation().unwrap();
    assert!(said.contains("has no discretion"), "{said}");
    assert!(said.contains("counted to when you first raised the problem"), "{said}");
    // First raised in May (month 2): within the limit, a complaint, whatever the date today.
    let raised_early = Draft { first_raised: Some(d("2026-05-01")), ..older.clone() };
    expect(&raised_early, "complaint", "4.2.1");
    assert!(!Question::TimeExceptions.applies(&raised_early, today()));
    // On the last day, 1 September, still in time; on 2 September, out.
    expect(&Draft { first_raised: Some(d("2026-09-01")), ..older.clone() }, "complaint", "4.2.1");
    let late = expect(
        &Draft { first_raised: Some(d("2026-09-02")), ..older.clone() },
        "outside_time_limit",
        "2.3.6",
    );
    assert!(
        matches!(late.outcome, TriageOutcome::OutsideTimeLimit { counted_to, .. } if counted_to == d("2026-09-02"))
    );
    // Not asked when it changes nothing: still happening, a first report, or a recent problem.
    assert!(!Question::FirstRaised.applies(&Draft { still_happening: Some(true), ..older.clone() }, today()));
    assert!(!Question::FirstRaised.applies(&Draft { reported_before: Some(false), ..older.clone() }, today()));
    assert!(!Question::FirstRaised.applies(&old(draft("progress", Topic::Repairs), "2026-10-01"), today()));
    // Other policies count to the complaint: the question is never asked.
    for p in ["forhousing", "together", "housing-plus", "code-2024"] {
        assert!(!Question::FirstRaised.applies(&old(draft(p, Topic::Repairs), "2025-01-01"), today()), "{p}");
    }
    // A first-raised date before the problem started, or in the future, is refused.
    let before = Draft { first_raised: Some(d("2026-02-01")), ..older.clone() };
    assert!(Question::FirstRaised.error(&before, today()).unwrap().1.contains("before the problem started"));
    let future = Draft { first_raised: Some(d("2026-12-01")), ..older };
    assert!(Question::FirstRaised.error(&future, today()).unwrap().1.contains("today or in the past"));
}

#[test]
fn housing_plus() {
    let p = "housing-plus";
    expect(&draft(p, Topic::Repairs), "complaint", "2.1");
    // 4.9: staff conduct goes to HR "in addition to and contemporaneously with" the complaint.
    assert!(!Question::StaffMatter.applies(&draft(p, Topic::StaffConduct), today()));
    expect(&draft(p, Topic::StaffConduct), "complaint", "2.1");
    expect(&Draft { reported_before: Some(false), ..draft(p, Topic::Repairs) }, "service_request", "4.8");
    // 4.3: "Problems between a complainant and a neighbour" go to the ASB policy; how Housing
    // Plus dealt with them is something it directly controls (2.1).
    let asb = draft(p, Topic::NeighbourNuisanceAsb);
    expect(
        &choose(asb.clone(), Question::AsbMatter, "asb-report"),
        "not_covered:neighbour_nuisance_asb",
        "4.3",
    );
    expect(&choose(asb, Question::AsbMatter, "asb-handling"), "complaint", "2.1");
    let base = draft(p, Topic::Repairs);
    expect(&tick(base.clone(), Flag::OtherAppeal), "not_covered:other_appeal_process", "4.2");
    expect(&tick(base.clone(), Flag::Insurance), "not_covered:insurance_claim", "4.2");
    expect(&tick(base.clone(), Flag::Legal), "not_covered:legal_proceedings", "4.2");
    let repeat = expect(&tick(base.clone(), Flag::Already), "not_covered:already_through_process", "4.5");
    assert!(
        matches!(repeat.outcome, TriageOutcome::NotCovered { discretion: true, .. }),
        "4.5 \"subject to the exercise of discretion\""
    );
    // 4.4: a matter raised by a councillor or MP goes to "a separate process". The Code says a
    // complaint through a representative is handled the same way: a letter is still offered.
    for role in [RepresentativeRole::Councillor, RepresentativeRole::Mp] {
        let t = expect(
            &Draft { helping: Some(true), helper_role: Some(role), ..base.clone() },
            "not_covered:mp_councillor_route",
            "4.4",
        );
        assert!(complaint_under_code(&t) && t.write_letter());
    }
    // An advocate is not a councillor: a complaint.
    expect(
        &Draft { helping: Some(true), helper_role: Some(RepresentativeRole::Advocate), ..base.clone() },
        "complaint",
        "2.1",
    );
    // 4.6: "more than 12 months ago", with no discretion stated.
    expect(&old(base.clone(), "2026-03-01"), "complaint", "2.1");
    let t = expect(&old(base, "2025-06-01"), "outside_time_limit", "4.6");
    assert!(matches!(t.outcome, TriageOutcome::OutsideTimeLimit { discretion: false, .. }));
    assert!(t.explanation().unwrap().contains("has no discretion"));
}

#[test]
fn tuntum() {
    let p = "tuntum";
    expect(&draft(p, Topic::Repairs), "complaint", "3");
    expect(&Draft { reported_before: Some(false), ..draft(p, Topic::Repairs) }, "service_request", "3");
    // 3: "A request for information or explanation of a decision" is not a complaint; being
    // unhappy with a decision ("we have done something badly or incorrectly") is.
    let decision = draft(p, Topic::PolicyDecision);
    let Answer::Choose(choices) = Question::Decision.answer(&decision) else { panic!() };
    assert_eq!(choices.iter().map(|c| c.id).collect::<Vec<_>>(), ["decision-wrong", "decision-explain"]);
    expect(&choose(decision.clone(), Question::Decision, "decision-wrong"), "complaint", "3");
    expect(&choose(decision, Question::Decision, "decision-explain"), "not_covered:information_request", "3");
    // 3: "Matters for which there is an alternative route of appeal (i.e. someone objecting to an
    // offer of housing being made)".
    let home = draft(p, Topic::HousingAllocation);
    expect(
        &choose(home.clone(), Question::Allocation, "allocation-offer"),
        "not_covered:other_appeal_process",
        "3",
    );
    // The line is drawn at an offer, not at how an application was made: the Choice Based
    // Lettings question is not asked, and a turned-down application is a complaint whatever was
    // said (another appeal route is the screening box below).
    let refused = choose(home.clone(), Question::Allocation, "allocation-refused");
    assert!(!Question::Cbl.applies(&refused, today()));
    for cbl in [None, Some(CblApplication::Yes), Some(CblApplication::No), Some(CblApplication::NotSure)] {
        expect(&Draft { cbl, ..refused.clone() }, "complaint", "3");
    }
    expect(&choose(home, Question::Allocation, "allocation-handling"), "complaint", "3");
    expect(&tick(draft(p, Topic::Repairs), Flag::OtherAppeal), "not_covered:other_appeal_process", "3");
    // No ASB exclusion: no question; a first report is a request for service, as a repair is.
    let asb = draft(p, Topic::NeighbourNuisanceAsb);
    assert!(!Question::AsbMatter.applies(&asb, today()));
    expect(&asb, "complaint", "3");
    expect(&Draft { reported_before: Some(false), ..asb }, "service_request", "3");
    // No time limit at all: never out of time, and the reasons for an older problem are not asked.
    let ancient = old(draft(p, Topic::Repairs), "2020-01-01");
    assert!(!Question::TimeExceptions.applies(&ancient, today()));
    expect(&ancient, "complaint", "3");
}

#[test]
fn the_code() {
    let p = policy::CODE_ID;
    expect(&draft(p, Topic::Repairs), "complaint", "1.2");
    expect(&draft(p, Topic::StaffConduct), "complaint", "1.2");
    expect(
        &Draft { reported_before: Some(false), ..draft(p, Topic::Repairs) },
        "service_request",
        "1.4, 1.5",
    );
    // Under the Code no topic question changes anything: none is asked.
    for topic in Topic::ALL {
        let asked = draft(p, topic).questions(today());
        assert_eq!(asked, [Question::Screening], "{topic:?}");
    }
    let base = draft(p, Topic::Repairs);
    let Answer::Tick(checks) = Question::Screening.answer(&base) else { panic!() };
    assert_eq!(checks.iter().map(|c| c.flag).collect::<Vec<_>>(), [Flag::Legal, Flag::Already]);
    expect(&tick(base.clone(), Flag::Legal), "not_covered:legal_proceedings", "2.2");
    expect(&tick(base.clone(), Flag::Already), "not_covered:already_through_process", "2.2");
    // 2.3: within 12 months, with discretion (e.g. becoming aware of the issue later).
    expect(&old(base.clone(), "2026-03-01"), "complaint", "1.2");
    let older = old(base, "2025-06-01");
    let t = expect(&older, "outside_time_limit", "2.3");
    assert!(matches!(
        t.outcome,
        TriageOutcome::OutsideTimeLimit { discretion: true, named_exception: false, .. }
    ));
    let mut aware = older;
    aware.set_flag(Flag::AwareLater, true);
    let t = expect(&aware, "outside_time_limit", "2.3");
    assert!(matches!(t.outcome, TriageOutcome::OutsideTimeLimit { named_exception: true, .. }));
}

/// Exclusions no guided answer reaches, each with the reason a question would be unreasonable.
/// They stay on the association's refusal list (`engine::actions`).
const REFUSAL_ONLY: &[(&str, &str, &str)] = &[(
    "housing-plus",
    "unreasonable_complaint",
    "4.7 lets Housing Plus refuse a complaint it \"reasonably\" considers unreasonable, \"at our absolute discretion\": the landlord's own judgement of the complaint, not a fact a resident can tell us. Asking residents whether their complaint is unreasonable would be unreasonable.",
)];

/// Every answer the guided flow can give under `policy`, one question at a time from a plain
/// start (each topic, each choice, each box, a councillor or MP helping, a first report), with
/// each answer to a question that a choice brings in (the Choice Based Lettings question after a
/// turned-down application), and the exclusions those answers reach.
fn reachable(policy: &str) -> BTreeSet<String> {
    let mut drafts = Vec::new();
    /// `d` with each answer to each choose-one question it is asked that `before` was not.
    fn follow_ups(before: &Draft, d: &Draft) -> Vec<Draft> {
        let mut out = Vec::new();
        for q in d.questions(today()).into_iter().filter(|q| !before.questions(today()).contains(q)) {
            if let Answer::Choose(choices) = q.answer(d) {
                for c in choices {
                    let mut next = d.clone();
                    next.choose(q, c.id);
                    out.extend(follow_ups(d, &next));
                    out.push(next);
                }
            }
        }
        out
    }
    for topic in Topic::ALL {
        let base = draft(policy, topic);
        drafts.push(Draft { reported_before: Some(false), ..base.clone() });
        for role in [RepresentativeRole::Councillor, RepresentativeRole::Mp] {
            drafts.push(Draft { helping: Some(true), helper_role: Some(role), ..base.clone() });
        }
        for q in base.questions(today()) {
            match q.answer(&base) {
                Answer::Choose(choices) => {
                    for c in choices {
                        let mut d = base.clone();
                        d.choose(q, c.id);
                        drafts.extend(follow_ups(&base, &d));
                        drafts.push(d);
                    }
                }
                Answer::Tick(checks) => {
                    for c in checks {
                        let mut d = base.clone();
                        d.set_flag(c.flag, true);
                        drafts.push(d);
                    }
                }
                Answer::Date => {}
            }
        }
    }
    drafts
        .iter()
        .filter_map(|d| match run(d).outcome {
            TriageOutcome::NotCovered { exclusion, .. } => Some(exclusion),
            // A first report reaches the policy's service-request exclusion.
            TriageOutcome::ServiceRequest { .. } => {
                d.policy().exclusion("service_request").map(|e| e.code.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_exclusion_is_reachable_by_an_answer_or_on_the_refusal_list_with_a_reason() {
    for p in policy::builtin() {
        let reached = reachable(&p.id);
        for exclusion in &p.exclusions {
            let refusal_only =
                REFUSAL_ONLY.iter().find(|(id, code, _)| *id == p.id && *code == exclusion.code);
            match refusal_only {
                None => assert!(
                    reached.contains(&exclusion.code),
                    "{}: no answer of the guided flow reaches {} (reached: {reached:?})",
                    p.id,
                    exclusion.code
                ),
                Some((_, _, reason)) => {
                    assert!(!reason.is_empty());
                    assert!(
                        !reached.contains(&exclusion.code),
                        "{}: {} is reachable after all",
                        p.id,
                        exclusion.code
                    );
                }
            }
        }
        // Nothing reached that the policy does not have.
        for code in &reached {
            assert!(p.exclusion(code).is_some(), "{}: {code}", p.id);
        }
    }
    // The refusal-only exclusions are offered to the association as reasons to refuse.
    for (id, code, _) in REFUSAL_ONLY {
        let policy = by_id(id).unwrap();
        let case = redress_core::case::Case {
            policy_id: policy.id.clone(),
            policy_version: policy.version.clone(),
            events: vec![redress_core::case::Event::new(
                d("2026-11-16"),
                redress_core::case::EventKind::Received,
            )],
            ..redress_core::case::sample_cases(1, 1).remove(0)
        };
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let assessment = engine::assess(policy, &case, &calendar, today()).unwrap();
        let offered = engine::actions(policy, &case, &assessment, &calendar);
        let reasons = offered
            .iter()
            .find_map(|a| match a {
                engine::Action::Refuse { reasons } => Some(reasons.clone()),
                _ => None,
            })
            .expect("a new complaint can be refused");
        assert!(reasons.iter().any(|r| r.code == *code), "{id}: {code} is not on the refusal list");
    }
}

/// A question is asked only when its answer can change the outcome; an answer to a question no
/// longer asked (after changing the topic or the landlord) is not used.
#[test]
fn questions_apply_only_when_they_matter_and_old_answers_are_not_used() {
    let asb = choose(draft("forhousing", Topic::NeighbourNuisanceAsb), Question::AsbMatter, "asb-report");
    assert_eq!(outcome(&run(&asb)), "not_covered:neighbour_nuisance_asb");
    // The same draft after the topic changes to repairs: the ASB answer no longer counts.
    let moved = Draft { topic: Some(Topic::Repairs), ..asb.clone() };
    assert!(!Question::AsbMatter.applies(&moved, today()));
    assert_eq!(outcome(&run(&moved)), "complaint");
    // ... or after the landlord changes to one with no ASB exclusion.
    let tuntum = Draft { policy_id: Some("tuntum".into()), ..asb };
    assert_eq!(outcome(&run(&tuntum)), "complaint");
    // A box ticked under one landlord and not shown under another is not used.
    let mut data = draft("together", Topic::Repairs);
    data.set_flag(Flag::DataProtection, true);
    assert_eq!(outcome(&run(&data)), "not_covered:data_protection");
    assert_eq!(outcome(&run(&Draft { policy_id: Some("progress".into()), ..data })), "complaint");
    // The reasons to look at an older problem are asked only when it looks out of time.
    let recent = old(draft("together", Topic::Repairs), "2026-10-01");
    assert!(!Question::TimeExceptions.applies(&recent, today()));
    assert!(Question::TimeExceptions.applies(&old(draft("together", Topic::Repairs), "2026-03-01"), today()));
    // The ASB box is not shown when the topic is ASB (its own question asks it).
    let Answer::Tick(checks) = Question::Screening.answer(&draft("together", Topic::NeighbourNuisanceAsb))
    else {
        panic!()
    };
    assert!(!checks.iter().any(|c| c.flag == Flag::AsbReport));
}

#[test]
fn choice_questions_must_be_answered_and_say_what_to_do() {
    let cases = [
        ("forhousing", Topic::NeighbourNuisanceAsb, Question::AsbMatter, "asb-report"),
        ("forhousing", Topic::StaffConduct, Question::StaffMatter, "staff-behaviour"),
        ("forhousing", Topic::PolicyDecision, Question::Decision, "decision-wrong"),
        ("tuntum", Topic::HousingAllocation, Question::Allocation, "allocation-refused"),
        ("progress", Topic::HousingAllocation, Question::Cbl, "cbl-yes"),
    ];
    for (p, topic, q, first) in cases {
        let unanswered = draft(p, topic);
        let unanswered = match q {
            Question::Cbl => choose(unanswered, Question::Allocation, "allocation-refused"),
            _ => unanswered,
        };
        let (field, message) = q.error(&unanswered, today()).unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(field, first, "the error links to the first choice");
        assert!(message.starts_with("Select"), "{message}");
        assert_eq!(q.error(&choose(unanswered, q, first), today()), None);
        assert!(!q.heading(false).is_empty() && !q.summary_label().is_empty());
    }
    // An id the question does not have changes nothing.
    let mut d = draft("forhousing", Topic::StaffConduct);
    d.choose(Question::StaffMatter, "asb-report");
    assert_eq!(d.choice(Question::StaffMatter), None);
}

/// The Choice Based Lettings question, against the seeds' home-decision exclusions:
/// - ForHousing 11, "Appeals against an allocation of housing": any turned-down application, so
///   how it was made does not matter;
/// - Together 2.4 and Housing Plus 4.2 name no decision about a home (Housing Plus's "another
///   appeal process", such as the ending of a probationary tenancy, is a screening box);
/// - Tuntum 3, "an alternative route of appeal (i.e. someone objecting to an offer of housing
///   being made)": an offer, not an application;
/// - Progress 2.3.3, "an unsuccessful housing application under the Choice Based Lettings schemes
///   of which we are a partner member": the only seed that draws the line.
///
/// So it is asked under Progress, after "turn down my application", of a resident and a helper
/// alike, and nowhere else.
#[test]
fn the_choice_based_lettings_question_is_asked_only_where_the_seed_draws_that_line() {
    use redress_core::policy::HomeDecision;
    let draws_the_line: Vec<&str> = policy::builtin()
        .iter()
        .filter(|p| {
            let names = |d: HomeDecision| p.exclusions.iter().any(|e| e.home_decisions.contains(&d));
            names(HomeDecision::RefusedCblApplication) && !names(HomeDecision::RefusedApplication)
        })
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(draws_the_line, ["progress"]);
    for p in policy::builtin() {
        for topic in Topic::ALL {
            for helping in [false, true] {
                let base = Draft {
                    helping: Some(helping),
                    helper_role: helping.then_some(RepresentativeRole::FamilyMember),
                    ..draft(&p.id, topic)
                };
                let mut drafts = vec![base.clone()];
                if let Answer::Choose(choices) = Question::Allocation.answer(&base) {
                    for c in choices.iter().filter(|_| Question::Allocation.applies(&base, today())) {
                        let mut d = base.clone();
                        d.choose(Question::Allocation, c.id);
                        drafts.push(d);
                    }
                }
                for d in drafts {
                    let asked = d.questions(today()).contains(&Question::Cbl);
                    let expected = p.id == "progress"
                        && topic == Topic::HousingAllocation
                        && d.choice(Question::Allocation) == Some("allocation-refused");
                    assert_eq!(asked, expected, "{} {topic:?} {:?} helping {helping}", p.id, d.allocation);
                    assert_eq!(
                        d.sequence(redress_core::guided::Step::Result, today())
                            .contains(&redress_core::guided::Step::Ask(Question::Cbl)),
                        expected
                    );
                }
            }
        }
    }
    // Under Progress, each answer, for a resident and for a helper (who reads "they").
    for helping in [false, true] {
        let d = Draft {
            helping: Some(helping),
            helper_role: helping.then_some(RepresentativeRole::Advocate),
            ..choose(draft("progress", Topic::HousingAllocation), Question::Allocation, "allocation-refused")
        };
        let heading = redress_core::guided::Step::Ask(Question::Cbl).heading(helping);
        assert_eq!(
            heading,
            if helping {
                "Did they apply through Choice Based Lettings?"
            } else {
                "Did you apply through Choice Based Lettings?"
            }
        );
        assert!(Question::Cbl.hint(&d).contains("Progress Housing Group's policy"));
        for (id, want, clause) in [
            ("cbl-yes", "not_covered:housing_allocation_appeal", "2.3.3"),
            ("cbl-no", "complaint", "4.2.1"),
            ("cbl-not_sure", "complaint", "4.2.1"),
        ] {
            let answered = choose(d.clone(), Question::Cbl, id);
            expect(&answered, want, clause);
            assert_eq!(answered.answers().through_choice_based_lettings, id == "cbl-yes");
            // "Check your answers" reads the choice back, with a link to change it.
            let row = answered
                .summary(today())
                .into_iter()
                .find(|r| r.change == redress_core::guided::Step::Ask(Question::Cbl))
                .expect("a row for the question");
            assert_eq!(row.label, "Applied through Choice Based Lettings");
            let Answer::Choose(choices) = Question::Cbl.answer(&answered) else { panic!() };
            assert_eq!(row.value, choices.iter().find(|c| c.id == id).unwrap().label);
        }
    }
}
