//! sample: deterministic, realistic generated cases for benchmarks and the bundle fixtures.

use chrono::{Days, NaiveDate};

use super::{
    Case, Channel, Contact, ContactMethod, Event, EventKind, FeedbackKind, Outcome, Relationship, Resident,
};
use crate::calendar::Division;

const POLICIES: [(&str, &str); 6] = [
    ("forhousing", "ForHousing"),
    ("together", "Together Housing Association"),
    ("progress", "Progress Housing Group"),
    ("housing-plus", "Housing Plus Group"),
    ("tuntum", "Tuntum Housing Association"),
    ("code-2024", "Riverside Homes"),
];

const PROBLEMS: [(&str, &str); 6] = [
    ("Damp and mould", "There is black mould on the bedroom wall and ceiling. I reported it in the spring and nobody has come to look at it. My daughter's asthma is worse."),
    ("Repairs", "The boiler has broken down four times since October. Each time the engineer says a part is on order and we are left without heating or hot water."),
    ("Staff conduct", "The officer who visited was rude to me in front of my children and would not listen when I explained the problem with the back door."),
    ("Communal areas", "The lights in the stairwell have been out for six weeks. It is dark and unsafe, especially for my neighbour who uses a walking frame."),
    ("Service charges", "My service charge went up by 40% with no explanation, and I have asked three times for a breakdown of the costs."),
    ("Missed appointments", "The contractor missed two appointments in a row. I took unpaid time off work both times and nobody called to say they were not coming."),
];

const HANDLERS: [&str; 4] = ["Amira Khan", "Ben Taylor", "Chloe Evans", "Dev Patel"];

/// A small deterministic generator (xorshift64*), so samples are the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` realistic cases spread over the six built-in policies, received across 2026, each with a
/// plausible history (acknowledged, responded, sometimes escalated). The same `seed` always gives
/// the same cases.
pub fn sample_cases(n: usize, seed: u64) -> Vec<Case> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date");
    (0..n)
        .map(|i| {
            let (policy_id, landlord) = POLICIES[i % POLICIES.len()];
            let (category, words) = PROBLEMS[rng.below(PROBLEMS.len() as u64) as usize];
            let received = start + Days::new(rng.below(320));
            let mut events = vec![Event::new(received, EventKind::Received)];
            let mut day = received;
            let mut step = |rng: &mut Rng, max: u64| {
                day = day + Days::new(1 + rng.below(max));
                day
            };
            let progress = rng.below(5);
            if progress >= 1 {
                events.push(Event::new(step(&mut rng, 4), EventKind::Acknowledged));
            }
            if progress >= 2 {
                let outcome =
                    [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld][rng.below(3) as usize];
                events.push(Event::new(
                    step(&mut rng, 14),
                    EventKind::Responded {
                        remedy_agreed: None,
                        outcome,
                        remedy: "We will send an engineer.".into(),
                        compensation_pence: None,
                        points: Vec::new(),
                        outstanding_actions: String::new(),
                        lessons: String::new(),
                    },
                ));
            }
            if progress >= 3 {
                events.push(Event::new(step(&mut rng, 10), EventKind::EscalationRequested));
            }
            if progress >= 4 {
                events.push(Event::new(step(&mut rng, 4), EventKind::Acknowledged));
            }
            Case {
                id: format!("case-{seed}-{i:05}"),
                policy_id: policy_id.into(),
                policy_version: crate::policy::by_id(policy_id)
                    .map(|p| p.version.clone())
                    .unwrap_or_default(),
                landlord: landlord.into(),
                feedback: FeedbackKind::Complaint,
                category: category.into(),
                description: words.into(),
                outcome_wanted: "Put it right and tell me when it will be done.".into(),
                problem_started: Some(received - Days::new(20 + rng.below(60))),
                resident: Resident {
                    name: format!("Resident {}", i + 1),
                    address: format!("{} Example Road, Manchester", 1 + rng.below(200)),
                    contact: Contact {
                        method: ContactMethod::Email,
                        detail: format!("resident{}@example.org", i + 1),
                    },
                    relationship: Relationship::Tenant,
                },
                representative: None,
                adjustments: Vec::new(),
                division: Division::EnglandAndWales,
                channel: Some(Channel::ALL[i % Channel::ALL.len()]),
                handler: Some(HANDLERS[i % HANDLERS.len()].to_string()),
                events,
            }
        })
        .collect()
}
