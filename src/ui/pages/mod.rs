//! pages: one component per route.

mod areas;
mod association;
mod complaint;
mod my_complaints;
mod not_found;
mod start;
mod your_data;

pub use areas::{HelperArea, ResidentArea};
pub use association::{
    AnnualReport, AssociationArea, AssociationCase, AssociationReminders, AssociationSetup, NewEntry,
    PolicyEditor, Register, SelfAssessmentPage,
};
pub use complaint::{Complaint, ComplaintResult, ResultLoader};
pub use my_complaints::{ComplaintPage, MyComplaints, ResidentReminders};
pub use not_found::NotFound;
pub use start::Start;
pub(crate) use your_data::ImportData;
pub use your_data::{BackupReminder, YourData};
