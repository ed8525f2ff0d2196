//! The operative clauses the engine applies, as data: each checked against the seed text, and
//! the validation of an edited copy. (docs/policies.md says for each clause whether the engine
//! applies it; the golden files show it doing so.)

use redress_core::calendar::Period;
use redress_core::policy::{self, by_id, Agreement, AutoEscalationWhen, ExtensionCondition, Policy, Trigger};

fn when(policy_id: &str, stage: usize) -> Vec<Option<AutoEscalationWhen>> {
    by_id(policy_id).unwrap().stages[stage].auto_escalation.iter().map(|r| r.when).collect()
}

#[test]
fn automatic_escalation_is_data_the_engine_can_apply() {
    // ForHousing 2: "Complaints will automatically escalate to the next stage if we fail to agree
    // an appropriate remedy or timeframe for delivery, or we fail to deliver the agreed remedy or
    // timeframe" — at the First Response and at Stage 1: no answer in time, and no remedy agreed
    // or the agreed one not delivered by the date agreed.
    let both =
        [Some(AutoEscalationWhen::NoResponseByDue), Some(AutoEscalationWhen::RemedyNotAgreedOrDelivered)];
    assert_eq!(when("forhousing", 0), both);
    assert_eq!(when("forhousing", 1), both);
    assert_eq!(when("forhousing", 2), []);
    // Tuntum 5 (Stage 1): "When we are unable to solve the problem immediately, we will move into
    // our formal complaints process."
    assert_eq!(when("tuntum", 0), [Some(AutoEscalationWhen::NotResolvedAtOnce)]);
    for id in ["together", "progress", "housing-plus", policy::CODE_ID] {
        for (i, stage) in by_id(id).unwrap().stages.iter().enumerate() {
            assert!(stage.auto_escalation.is_empty(), "{id} stage {i}: the seed names no automatic step");
        }
    }
}

#[test]
fn the_housing_plus_panel_has_its_own_dates() {
    // Appendix 1, Level 3 a): "hold a Panel hearing within 30 working days of receiving the
    // completed Stage 3 form"; "write ... with the Panel decision within ten working days of the
    // date of the Panel hearing". The Director's decision (10 WD of the form) is the response.
    let stage = &by_id("housing-plus").unwrap().stages[2];
    let hearing = stage.hearing.as_ref().expect("Stage Three has a Panel hearing");
    assert_eq!(hearing.name, "Panel hearing");
    assert_eq!((hearing.hold.period, hearing.hold.from), (Period::working_days(30), Trigger::FormReceived));
    assert_eq!(
        (hearing.decision.period, hearing.decision.from),
        (Period::working_days(10), Trigger::HearingHeld)
    );
    let respond = stage.respond.as_ref().unwrap();
    assert_eq!((respond.period, respond.from), (Period::working_days(10), Trigger::FormReceived));
    // The form: "within 28 calendar days of receipt", sent with the call's written confirmation.
    let form = stage.resident_form.as_ref().unwrap();
    assert_eq!((form.period, form.from), (Period::calendar_days(28), Trigger::Acknowledged));
    assert_eq!(stage.extension, None, "the Panel is not an extension of the Director's decision");
}

#[test]
fn each_extension_says_what_it_needs() {
    // (policy, stage, limit, condition up to it, beyond it)
    type Row = (&'static str, usize, Option<Period>, ExtensionCondition, Option<ExtensionCondition>);
    use ExtensionCondition::*;
    let rows: [Row; 10] = [
        // The reference: "a further 10 WD" / "a further 20 WD", "most allowed without good reason";
        // "Any extension is explained to the resident".
        (policy::CODE_ID, 0, Some(Period::working_days(10)), ReasonExplained, Some(GoodReason)),
        (policy::CODE_ID, 1, Some(Period::working_days(20)), ReasonExplained, Some(GoodReason)),
        // ForHousing 1: "within 21 working days of escalation where a Complaints Panel is required".
        ("forhousing", 2, Some(Period::working_days(16)), ComplaintsPanel, None),
        // Together 5.5, 5.6: "we will explain why and can extend this by a further 10 working days
        // - or longer only with the resident's agreement".
        ("together", 1, Some(Period::working_days(10)), ReasonExplained, Some(ResidentAgrees)),
        ("together", 2, Some(Period::working_days(10)), ReasonExplained, Some(ResidentAgrees)),
        // Progress 4.3.10: "contact the customer ... to agree a new timescale"; 4.3.15: "advised of
        // a new date".
        ("progress", 0, None, ResidentAgrees, None),
        ("progress", 1, None, Notice, None),
        // Housing Plus Level 1: "a holding letter will be sent advising of a new response date";
        // Level 2: "advising the complainant of the reason for the delay and the revised date".
        ("housing-plus", 0, None, Notice, None),
        ("housing-plus", 1, None, ReasonExplained, None),
        // Tuntum 5 (Stage 1): "we will telephone you to agree when you will get a full response".
        ("tuntum", 1, None, ResidentAgrees, None),
    ];
    for (id, stage, limit, condition, beyond) in rows {
        let extension = by_id(id).unwrap().stages[stage].extension.as_ref().unwrap();
        assert_eq!(
            (extension.up_to, extension.condition(), extension.beyond()),
            (limit, condition, beyond),
            "{id} stage {stage}"
        );
    }
    assert_eq!(by_id("tuntum").unwrap().stages[2].extension.as_ref().unwrap().agreement, Agreement::Needed);
}

fn check_invalid(mut p: Policy, edit: impl Fn(&mut Policy), field: &str, fragment: &str) {
    edit(&mut p);
    let errors = p.validate().expect_err(field);
    assert!(
        errors.iter().any(|e| e.field == field && e.message.contains(fragment)),
        "expected {field}: …{fragment}…, got {errors:?}"
    );
}

#[test]
fn validation_covers_the_new_rules() {
    let forhousing = by_id("forhousing").unwrap().clone();
    check_invalid(
        forhousing.clone(),
        |p| p.stages[2].auto_escalation = p.stages[1].auto_escalation.clone(),
        "stages[2].auto_escalation[0]",
        "last stage has no next stage",
    );
    check_invalid(
        forhousing,
        |p| p.stages[1].auto_escalation[0].when = Some(AutoEscalationWhen::NotResolvedAtOnce),
        "stages[1].auto_escalation[0].when",
        "informal first stage",
    );
    let housing_plus = by_id("housing-plus").unwrap().clone();
    check_invalid(
        housing_plus.clone(),
        |p| p.stages[2].hearing.as_mut().unwrap().decision.from = Trigger::FormReceived,
        "stages[2].hearing.decision.from",
        "counts from the hearing",
    );
    check_invalid(
        housing_plus.clone(),
        |p| p.stages[2].respond.as_mut().unwrap().from = Trigger::HearingHeld,
        "stages[2].respond.from",
        "cannot count from the hearing",
    );
    check_invalid(
        housing_plus.clone(),
        |p| p.stages[2].resident_form = None,
        "stages[2].hearing.hold.from",
        "no form",
    );
    check_invalid(
        housing_plus,
        |p| p.stages[2].hearing.as_mut().unwrap().hold.period.amount = 0,
        "stages[2].hearing.hold.period.amount",
        "0 days",
    );
}
