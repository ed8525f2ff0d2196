//! pages: one component per route.

mod areas;
mod complaint;
mod my_complaints;
mod not_found;
mod start;
mod your_data;

pub use areas::{AssociationArea, HelperArea, ResidentArea};
pub use complaint::Complaint;
pub(crate) use complaint::DRAFT_ID;
pub use my_complaints::{ComplaintPage, MyComplaints};
pub use not_found::NotFound;
pub use start::Start;
pub use your_data::YourData;
