//! schema: the shape of a complaint policy as data.
//!
//! Rich enough for the five landlord policies and the statutory Code. Every rule carries `clause`
//! (where it is in the source document: a number like "5.2", or a section heading where the
//! document has no numbers) and `plain` (one sentence a resident can read).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Period;
use crate::case::RepresentativeRole;

/// A complaint policy: a landlord's, or the statutory Code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Stable id, e.g. `progress`; cases refer to it.
    pub id: String,
    /// Whether this is a landlord's policy or the statutory Code itself.
    pub kind: PolicyKind,
    /// Who it belongs to, as residents know them.
    pub landlord: String,
    /// The document's title.
    pub title: String,
    /// The document's own reference number, if it has one.
    #[serde(default)]
    pub reference: Option<String>,
    pub version: String,
    /// The date it applies from, if the document says.
    #[serde(default)]
    pub applies_from: Option<NaiveDate>,
    /// The date it was due for review or stopped applying, if the document says.
    #[serde(default)]
    pub review_due: Option<NaiveDate>,
    /// Where the text came from.
    pub source: String,
    /// One paragraph on what the policy is, in plain English.
    pub summary: String,
    pub eligibility: Eligibility,
    /// Kinds of feedback the policy asks to be recorded (complaints, compliments...).
    #[serde(default)]
    pub feedback_kinds: Vec<FeedbackRule>,
    /// The policy's definition of a complaint.
    pub definition: Rule,
    /// Things the policy says are not complaints, or will not be handled as complaints.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
    /// How long after the problem a complaint may be made.
    #[serde(default)]
    pub time_limit: Option<TimeLimit>,
    /// The stages, in order.
    pub stages: Vec<Stage>,
    /// Whether and when the landlord may refuse to move a complaint to the next stage.
    #[serde(default)]
    pub escalation_refusal: Option<Rule>,
    /// What happens after the last stage.
    pub after_final: AfterFinal,
    #[serde(default)]
    pub compensation: Option<Compensation>,
    #[serde(default)]
    pub unreasonable_behaviour: Option<Rule>,
    /// Where the policy lets a resident's behaviour suspend or reject complaints themselves (the
    /// Code lets a landlord restrict contact, never access to the complaints process).
    #[serde(default)]
    pub behaviour_blocks_complaints: Option<Rule>,
    #[serde(default)]
    pub reasonable_adjustments: Option<Rule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    Landlord,
    StatutoryCode,
}

/// A provision with its citation and a plain-English sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub clause: String,
    pub plain: String,
}

/// Who may complain, and how others may complain for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// The people the policy covers.
    pub who: Vec<WhoMayComplain>,
    /// Representatives and the authority each needs.
    #[serde(default)]
    pub representatives: Vec<RepresentativeRule>,
    /// Complaints from a group of residents.
    #[serde(default)]
    pub groups: Option<Rule>,
    /// Anonymous complaints.
    #[serde(default)]
    pub anonymous: Option<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WhoMayComplain {
    pub who: Complainant,
    pub clause: String,
    pub plain: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Complainant {
    Tenants,
    Leaseholders,
    SharedOwners,
    Applicants,
    /// People receiving another service from the landlord (lifeline, support).
    ServiceUsers,
    /// Neighbours or others affected by the landlord's services.
    OthersAffected,
    /// Anyone who receives a service from the landlord.
    Anyone,
}

/// What authority a representative needs before the landlord will deal with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeRule {
    /// The roles this rule covers.
    pub roles: Vec<RepresentativeRole>,
    pub authority: Authority,
    pub clause: String,
    pub plain: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// The resident's written permission.
    WrittenPermission,
    /// An authority form signed by the resident.
    SignedAuthority,
    /// The resident's consent (in any form).
    Consent,
    /// The landlord assumes consent (usual for MPs, councillors, advice agencies).
    Assumed,
    /// The landlord must be sure the representative speaks for the resident; no form is named.
    Satisfied,
    /// The policy accepts complaints raised through them (an MP's enquiry, a designated person)
    /// and names no permission they need.
    Accepted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRule {
    pub kind: crate::case::FeedbackKind,
    pub clause: String,
    pub plain: String,
}

/// Something not handled as a complaint under the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// Stable code the triage matches on, e.g. `legal_proceedings`, `insurance_claim`,
    /// `neighbour_nuisance_asb`, `service_request`, `already_through_process`, `staff_conduct_hr`.
    pub code: String,
    pub clause: String,
    pub plain: String,
    /// Whether the landlord keeps discretion to handle it anyway.
    #[serde(default)]
    pub discretion: bool,
    /// Where the resident should go instead, in plain English.
    #[serde(default)]
    pub instead: Option<String>,
    /// The clause excludes a whole category with no test of the individual case, even though it
    /// leaves the landlord a choice (Together 2.4: "may not deal with ... as a complaint").
    #[serde(default)]
    pub blanket: bool,
    /// For `legal_proceedings`: how far the policy's test reaches.
    #[serde(default)]
    pub legal_test: Option<LegalTest>,
    /// For an appeal-route exclusion: the decisions about a home the clause names (ForHousing 11
    /// "appeals against an allocation": any refused application, and an offer; Progress 2.3.3
    /// only an unsuccessful application made through Choice Based Lettings; Tuntum 3 "objecting
    /// to an offer of housing").
    #[serde(default)]
    pub home_decisions: Vec<HomeDecision>,
    /// How the guided complaint asks about it, as a sentence the resident can tick, where the
    /// usual one does not fit.
    #[serde(default)]
    pub ask: Option<String>,
}

/// A decision about a home that an appeal route covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HomeDecision {
    /// An application for a home turned down, however it was made.
    RefusedApplication,
    /// An application made through a Choice Based Lettings scheme turned down, and only such an
    /// application (Progress 2.3.3: the scheme's own review or appeal process applies). The
    /// guided complaint asks how the application was made only where a policy draws this line.
    RefusedCblApplication,
    /// A home offered (the resident objects to it).
    Offer,
}

/// When a policy treats legal action as a reason not to handle a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegalTest {
    /// Proceedings have started: a claim form and particulars filed at court (the Code's test).
    ClaimFiled,
    /// Any legal proceedings relating to the matter.
    ProceedingsRelated,
    /// Legal action has been taken, or is only planned.
    TakenOrPlanned,
    /// Ongoing legal proceedings, or any other investigation.
    ProceedingsOrInvestigation,
}

impl LegalTest {
    /// Whether the test reaches further than the Code's (a claim filed at court).
    pub fn wider_than_code(self) -> bool {
        self != LegalTest::ClaimFiled
    }
}

/// How long after the problem a complaint may be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub period: Period,
    pub clause: String,
    pub plain: String,
    /// Whether the landlord may consider older complaints.
    pub discretion: bool,
    /// The circumstances the policy names for going beyond it.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// The date the time is counted up to.
    #[serde(default)]
    pub counts_to: LimitEnd,
}

/// What a time limit counts up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitEnd {
    /// The complaint being made.
    #[default]
    Complaint,
    /// The first time the resident raised the problem with the landlord, in any way (Progress
    /// 2.3.6: "before the customer raised the complaint/dissatisfaction ... for the first time").
    FirstRaised,
}

/// One stage of the complaints process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id cases refer to: `stage0` (an informal stage), `stage1`, `stage2`, `stage3`.
    pub id: String,
    pub name: String,
    /// An informal first stage before the formal process (a "stage 0").
    #[serde(default)]
    pub informal: bool,
    /// Who handles it.
    pub handled_by: String,
    pub clause: String,
    pub plain: String,
    #[serde(default)]
    pub acknowledge: Option<Timescale>,
    #[serde(default)]
    pub respond: Option<Timescale>,
    /// A form the resident must return at this stage, and by when.
    #[serde(default)]
    pub resident_form: Option<Timescale>,
    #[serde(default)]
    pub extension: Option<Extension>,
    /// How long the resident has to ask for the next stage after this stage's response.
    #[serde(default)]
    pub escalation_window: Option<Timescale>,
    /// Conditions under which the complaint moves on without the resident asking. The engine
    /// applies each one whose `when` is known, and the first that is met moves it.
    #[serde(default)]
    pub auto_escalation: Vec<AutoEscalation>,
    /// The policy states this stage is handled by someone not involved at the stage before (the
    /// Code requires it of Stage 2).
    #[serde(default)]
    pub independent: bool,
    /// Where the policy makes the resident give reasons to ask for this stage.
    #[serde(default)]
    pub reasons_required: Option<Rule>,
    /// A hearing this stage may hold after its first decision (Housing Plus's Stage 3 Panel):
    /// `respond` is then the decision whether to hold one (and, if not, the final answer).
    #[serde(default)]
    pub hearing: Option<Hearing>,
}

/// A rule under which the complaint moves to the next stage by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutoEscalation {
    /// When it applies. `None` only in policies saved before this was data: the engine cannot
    /// apply such a rule, and its assessment says so.
    #[serde(default)]
    pub when: Option<AutoEscalationWhen>,
    pub clause: String,
    pub plain: String,
}

/// What moves a complaint on by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AutoEscalationWhen {
    /// No response by this stage's due date: the complaint moves to the next stage on that date,
    /// and the next stage's dates count from it (ForHousing 2: "Complaints will automatically
    /// escalate to the next stage if we fail to agree an appropriate remedy or timeframe").
    NoResponseByDue,
    /// This stage is a quick fix, not a duty: unless it is resolved within its response time (a
    /// response with the outcome `resolved`, before any other step), the complaint is in the
    /// next, formal stage from the start, and that stage's dates count from this stage's start,
    /// the complaint's receipt (Tuntum 5: "When we are unable to solve the problem immediately,
    /// we will move into our formal complaints process").
    NotResolvedAtOnce,
    /// The response did not agree a remedy with the resident, or the remedy it agreed was not
    /// delivered by the date agreed: the complaint moves to the next stage on the response date
    /// (no remedy agreed) or on the agreed delivery date (not delivered by then), and the next
    /// stage's dates count from that date (ForHousing 2: "... if we fail to agree an appropriate
    /// remedy or timeframe for delivery, or we fail to deliver the agreed remedy or timeframe").
    /// A response that records no remedy was needed (not upheld), or records nothing about one,
    /// does not move it: the resident can still ask for the next stage.
    RemedyNotAgreedOrDelivered,
}

/// A hearing a stage may hold, and its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hearing {
    /// What the policy calls it, e.g. "Panel hearing".
    pub name: String,
    /// By when the hearing is held once it is decided on (e.g. 30 working days of the form).
    pub hold: Timescale,
    /// By when the decision after the hearing is sent (counted from the hearing).
    pub decision: Timescale,
}

impl Stage {
    /// A formal stage, which counts towards the Code's two.
    pub fn is_formal(&self) -> bool {
        !self.informal
    }
}

/// "Within 10 working days of acknowledgement".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timescale {
    pub period: Period,
    pub from: Trigger,
    pub clause: String,
    pub plain: String,
    /// The policy only says it "aims" to meet this.
    #[serde(default)]
    pub aim_only: bool,
}

/// The event a period counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// The start of the stage: the complaint received (first stage) or the escalation request.
    StageStart,
    /// The landlord's acknowledgement at this stage (or, if it is late, when it was due).
    Acknowledged,
    /// The resident's form returned (Housing Plus Stage 3).
    FormReceived,
    /// This stage's response.
    StageResponse,
    /// The stage's hearing (see [`Hearing`]).
    HearingHeld,
}

/// How a stage's response deadline may be extended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The most the landlord may add on its own. `None`: the policy names no limit.
    #[serde(default)]
    pub up_to: Option<Period>,
    pub agreement: Agreement,
    pub clause: String,
    pub plain: String,
    /// What lets the landlord extend as far as `up_to`. Absent: the resident's agreement when
    /// `agreement` is `needed`, otherwise telling the resident the new date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<ExtensionCondition>,
    /// What lets it go later than `up_to`. Absent: the resident's agreement when `agreement` is
    /// `needed_beyond_limit`, otherwise nothing (the policy allows no later date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beyond_limit: Option<ExtensionCondition>,
}

impl Extension {
    /// What lets the landlord extend as far as the limit.
    pub fn condition(&self) -> ExtensionCondition {
        match (self.condition, self.agreement) {
            (Some(c), _) => c,
            (None, Agreement::Needed) => ExtensionCondition::ResidentAgrees,
            (None, _) => ExtensionCondition::Notice,
        }
    }

    /// What lets it go later than the limit (`None`: nothing; with no limit, never asked).
    pub fn beyond(&self) -> Option<ExtensionCondition> {
        match (self.beyond_limit, self.agreement) {
            (Some(c), _) => Some(c),
            (None, Agreement::NeededBeyondLimit) => Some(ExtensionCondition::ResidentAgrees),
            (None, _) => None,
        }
    }
}

/// What a policy asks for before a response date may be moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionCondition {
    /// The landlord tells the resident the new date (a holding letter).
    Notice,
    /// The landlord explains why to the resident (the Code also asks for the Ombudsman's details).
    ReasonExplained,
    /// Only with a good reason (the Code's test for going beyond its limit).
    GoodReason,
    /// Only if the resident agrees to the new date.
    ResidentAgrees,
    /// Only where a Complaints Panel is required (ForHousing's Stage 2).
    ComplaintsPanel,
}

impl ExtensionCondition {
    /// Plain English, completing "The landlord can extend …".
    pub fn describe(self) -> &'static str {
        match self {
            ExtensionCondition::Notice => "if it tells you the new date",
            ExtensionCondition::ReasonExplained => "if it explains why",
            ExtensionCondition::GoodReason => "only with a good reason",
            ExtensionCondition::ResidentAgrees => "only if you agree",
            ExtensionCondition::ComplaintsPanel => "only where a Complaints Panel is needed",
        }
    }

    /// The same for the landlord, completing "You can extend …".
    pub fn describe_for_landlord(self) -> &'static str {
        match self {
            ExtensionCondition::Notice => "if you tell the resident the new date",
            ExtensionCondition::ReasonExplained => "if you explain why to the resident",
            ExtensionCondition::GoodReason => "only with a good reason, explained to the resident",
            ExtensionCondition::ResidentAgrees => "only if the resident agrees",
            ExtensionCondition::ComplaintsPanel => "only where a Complaints Panel is needed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// The landlord may extend after telling the resident.
    NotNeeded,
    /// Only beyond `up_to` does the resident have to agree.
    NeededBeyondLimit,
    /// The new date must be agreed with the resident.
    Needed,
}

/// What happens after the last stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AfterFinal {
    pub ombudsman: Rule,
    /// A designated person (MP, councillor, tenant panel) the policy mentions.
    #[serde(default)]
    pub designated_person: Option<Rule>,
    /// A wait before the Ombudsman (abolished by the Code on 1 October 2022).
    #[serde(default)]
    pub waiting: Option<Waiting>,
    /// Other bodies (the Care Quality Commission, the Local Government Ombudsman...).
    #[serde(default)]
    pub other_bodies: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiting {
    pub period: Period,
    pub clause: String,
    pub plain: String,
}

/// Compensation: wording, and bands where the policy has a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compensation {
    pub clause: String,
    pub plain: String,
    #[serde(default)]
    pub bands: Vec<CompensationBand>,
    /// How long after the incident a claim should be made.
    #[serde(default)]
    pub claim_window: Option<Window>,
    /// How long the resident has to accept an offer.
    #[serde(default)]
    pub acceptance_window: Option<Window>,
    #[serde(default)]
    pub exclusions: Vec<Rule>,
    /// How an offer is paid: for example, credited to rent arrears before any of it is paid out.
    #[serde(default)]
    pub payment: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompensationBand {
    /// "low", "medium", "high".
    pub level: String,
    /// The inconvenience the band is for.
    pub impact: String,
    /// In pence, inclusive.
    pub min_pence: u64,
    /// In pence, inclusive; `None` for "above £500".
    #[serde(default)]
    pub max_pence: Option<u64>,
    /// Who authorises a payment in this band.
    pub authoriser: String,
    pub clause: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub period: Period,
    pub clause: String,
    pub plain: String,
    /// A later claim or acceptance may still be considered.
    #[serde(default)]
    pub discretion: bool,
    /// An outer limit beyond which it will not normally be considered.
    #[serde(default)]
    pub outer_limit: Option<Period>,
}
