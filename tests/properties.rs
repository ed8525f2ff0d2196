//! Property tests of the calendar and the engine (proptest).

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use redress::calendar::{Calendar, Division, Period};
use redress::case::{sample_cases, Event, EventKind, Outcome};
use redress::engine::{assess, DeadlineKind};
use redress::policy;

fn date_in_coverage() -> impl Strategy<Value = NaiveDate> {
    (0u64..3900).prop_map(|n| NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + Days::new(n))
}

fn division() -> impl Strategy<Value = Division> {
    prop_oneof![Just(Division::EnglandAndWales), Just(Division::Scotland), Just(Division::NorthernIreland)]
}

fn event_kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        Just(EventKind::Received),
        Just(EventKind::Acknowledged),
        Just(EventKind::Responded {
            outcome: Outcome::NotUpheld,
            remedy: String::new(),
            compensation_pence: Some(5000),
            points: Vec::new(),
            outstanding_actions: String::new(),
            lessons: String::new()
        }),
        Just(EventKind::EscalationRequested),
        Just(EventKind::FormReceived),
        Just(EventKind::Closed),
        Just(EventKind::ReferredToOmbudsman),
        Just(EventKind::CompensationAccepted),
        Just(EventKind::EscalationRefused { reason: "no service failure".into() }),
        Just(EventKind::Refused { exclusion: "legal_proceedings".into(), reason: String::new() }),
        (0u64..60).prop_map(|n| EventKind::Extended {
            new_due: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Days::new(n * 7),
            resident_agreed: n % 2 == 0
        }),
    ]
}

proptest! {
    #[test]
    fn a_working_day_due_date_is_a_working_day(from in date_in_coverage(), n in 0u32..80, division in division()) {
        let calendar = Calendar::builtin(division);
        let due = calendar.add(from, Period::working_days(n)).date;
        prop_assert!(calendar.is_working_day(due), "{} + {} = {}", from, n, due);
        prop_assert!(due >= from);
    }

    #[test]
    fn a_later_event_never_gives_an_earlier_due_date(a in date_in_coverage(), gap in 0u64..40, n in 0u32..60) {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let b = a + Days::new(gap);
        for period in [Period::working_days(n), Period::calendar_days(n), Period::months(n % 13)] {
            prop_assert!(calendar.add(a, period).date <= calendar.add(b, period).date);
        }
    }

    #[test]
    fn adding_a_holiday_never_moves_a_due_date_earlier(from in date_in_coverage(), extra in date_in_coverage(), n in 0u32..60) {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let before = calendar.add(from, Period::working_days(n)).date;
        let after = calendar.with_extra_holiday(extra).add(from, Period::working_days(n)).date;
        prop_assert!(after >= before);
        prop_assert!(after != extra);
    }

    #[test]
    fn a_later_acknowledgement_never_gives_an_earlier_response_date(received in 0u64..300, delay in 0u64..10, extra in 1u64..10) {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Days::new(received);
        for p in policy::builtin() {
            let respond_due = |ack: u64| {
                let mut case = sample_cases(1, 1).remove(0);
                case.policy_id = p.id.clone();
                case.events = vec![Event::new(start, EventKind::Received), Event::new(start + Days::new(ack), EventKind::Acknowledged)];
                let a = assess(p, &case, &calendar, start + Days::new(90)).unwrap();
                a.deadlines.iter().find(|d| d.kind == DeadlineKind::Respond).map(|d| d.due)
            };
            prop_assert!(respond_due(delay) <= respond_due(delay + extra), "policy {}", p.id);
        }
    }

    #[test]
    fn any_sequence_of_events_assesses_or_gives_a_typed_error(
        kinds in proptest::collection::vec(event_kind(), 0..12),
        offsets in proptest::collection::vec(0u64..30, 12),
        shuffle in any::<bool>(),
        which in 0usize..6,
    ) {
        let p = &policy::builtin()[which];
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let mut day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let mut case = sample_cases(1, 3).remove(0);
        case.policy_id = p.id.clone();
        case.events = kinds.iter().zip(&offsets).map(|(kind, off)| {
            day = if shuffle && off % 5 == 0 { day - Days::new(*off) } else { day + Days::new(*off) };
            Event::new(day, kind.clone())
        }).collect();
        match assess(p, &case, &calendar, NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()) {
            Ok(a) => {
                for d in &a.deadlines {
                    if d.kind != DeadlineKind::ReferToOmbudsman && d.kind != DeadlineKind::AcceptCompensation {
                        prop_assert!(d.due >= d.counted_from);
                    }
                }
            }
            Err(e) => {
                let index = e.event_index().expect("sequence errors name the event");
                prop_assert!(index < case.events.len());
                let named = format!("Event {}", index + 1);
                prop_assert!(e.to_string().contains(&named));
            }
        }
    }
}
