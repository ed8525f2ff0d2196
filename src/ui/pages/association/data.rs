//! data: what every association page reads — the setup, the policy library, the calendar and the
//! cases — loaded in one go from the store, and the one way a case is saved.

use crate::calendar::Calendar;
use crate::case::Case;
use crate::engine::{self, Assessment, EngineError};
use crate::policy::Policy;
use crate::record::{Record, RecordKind};
use crate::register::setup::{version_key, Library, Setup, SETUP_ID};
use crate::register::Row;
use crate::store::StoreError;
use crate::ui::browser;
use crate::ui::db::{bank_holidays, db};

/// Everything an association page needs, read from this device.
#[derive(Clone)]
pub struct Books {
    /// The settings record as read (its revision guards against overwriting another tab's save).
    pub setup_record: Option<Record>,
    pub setup: Setup,
    pub library: Library,
    pub calendar: Calendar,
    /// Where the calendar came from, in words.
    pub calendar_source: String,
    pub cases: Vec<(Record, Case)>,
    /// The saved policy versions as stored (exported with a case handed over).
    pub policy_records: Vec<Record>,
    /// Case records that could not be read as cases: their ids.
    pub unreadable: Vec<String>,
}

impl Books {
    pub fn policy_for(&self, case: &Case) -> &Policy {
        self.library.find(&case.policy_id, &case.policy_version)
    }

    pub fn assess(&self, case: &Case) -> Result<Assessment, EngineError> {
        engine::assess(self.policy_for(case), case, &self.calendar, browser::today())
    }

    /// Every case as a register row, assessed as of today.
    pub fn rows(&self) -> Vec<Row> {
        self.cases.iter().map(|(_, c)| Row::new(c, self.assess(c).as_ref())).collect()
    }

    /// The stored record of the policy version a case is under, if it is not built in.
    pub fn policy_record_for(&self, case: &Case) -> Option<Record> {
        let id = version_key(&case.policy_id, &case.policy_version);
        self.policy_records.iter().find(|r| r.id == id).cloned()
    }

    /// The policy new cases are opened under.
    pub fn current_policy(&self) -> &Policy {
        self.library.find(&self.setup.policy_id, &self.setup.policy_version)
    }
}

/// Which cases a page needs read along with the setup.
pub enum Cases {
    /// Every case (the dashboard, the register, the report).
    All,
    /// Just this one (a case's page).
    One(String),
    /// None (setup, the policy editor, a new entry).
    None,
}

/// Reads the setup, the saved policies, the bank holidays and the cases a page needs.
pub async fn load(which: Cases) -> Result<Books, StoreError> {
    let db = db().await?;
    let setup_record = db.get(RecordKind::Setting, SETUP_ID).await?;
    let setup: Setup =
        setup_record.as_ref().and_then(|r| serde_json::from_value(r.data.clone()).ok()).unwrap_or_default();
    let policy_records = db.list(RecordKind::Policy).await?;
    let saved =
        policy_records.iter().filter_map(|r| serde_json::from_value::<Policy>(r.data.clone()).ok()).collect();
    let holidays = bank_holidays().await?;
    let calendar = holidays.calendar(setup.division).clone();
    let calendar_source = holidays.source(setup.division).to_string();
    let mut cases = Vec::new();
    let mut unreadable = Vec::new();
    let records = match which {
        Cases::All => db.list(RecordKind::Case).await?,
        Cases::One(id) => db.get(RecordKind::Case, &id).await?.into_iter().collect(),
        Cases::None => Vec::new(),
    };
    for record in records {
        match serde_json::from_value::<Case>(record.data.clone()) {
            Ok(case) => cases.push((record, case)),
            Err(_) => unreadable.push(record.id),
        }
    }
    Ok(Books {
        setup_record,
        setup,
        library: Library { saved },
        calendar,
        calendar_source,
        cases,
        policy_records,
        unreadable,
    })
}

/// Saves a case over its record (refused if another tab saved it meanwhile).
pub async fn save_case(mut record: Record, case: &Case) -> Result<Record, String> {
    record.data = serde_json::to_value(case).map_err(|e| e.to_string())?;
    db().await.map_err(|e| e.user_message())?.save(record).await.map_err(|e| e.user_message())
}
