//! compensation: from an amount to the band of the policy's table it falls in, and who must
//! authorise it.
//!
//! A table states its bands in whole pounds ("Up to £100", "£101 - £500", "Above £500"), which
//! leaves amounts between them (£100.01 to £100.99). The lookup has no gaps: each band covers
//! everything above the band before it up to its own top, so an amount between two stated
//! figures belongs to the band above (its authoriser may approve more), and says so.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::policy::edit::pounds;
use crate::policy::{CompensationBand, Policy};

/// An amount checked against the policy's compensation table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CompensationLookup {
    pub amount_pence: u64,
    /// The band it falls in; `None` if the policy has no table, or the amount is above a table
    /// whose top band has a limit.
    pub band: Option<BandFound>,
    /// Plain English, for the association: the band and who authorises it, or why there is none.
    pub plain: String,
}

/// The band an amount falls in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BandFound {
    pub level: String,
    pub impact: String,
    /// The band as the table states it: "£101 to £500".
    pub range: String,
    pub authoriser: String,
    pub clause: String,
    /// The amount lies between the figures the table states, below this band's stated start.
    pub between_bands: bool,
}

/// A band's range in words: "up to £100", "£101 to £500", "above £500".
pub fn band_range(band: &CompensationBand) -> String {
    match (band.min_pence, band.max_pence) {
        (0, Some(max)) => format!("up to {}", pounds(max)),
        (min, Some(max)) => format!("{} to {}", pounds(min), pounds(max)),
        (min, None) => format!("above {}", pounds(min.saturating_sub(1))),
    }
}

/// The band `amount_pence` falls in under `policy`'s table (see the module's rule).
pub fn compensation_band(policy: &Policy, amount_pence: u64) -> CompensationLookup {
    let mut bands: Vec<&CompensationBand> =
        policy.compensation.as_ref().map(|c| c.bands.iter().collect()).unwrap_or_default();
    bands.sort_by_key(|b| b.min_pence);
    let amount = pounds(amount_pence);
    let Some(band) = bands.iter().find(|b| b.max_pence.is_none_or(|max| amount_pence <= max)) else {
        let plain = match bands.last() {
            None => format!(
                "{}'s policy has no compensation table, so it does not say who authorises {amount}. Follow its compensation clause.",
                policy.landlord
            ),
            Some(top) => format!(
                "{amount} is above the policy's highest band ({}), so the table does not say who authorises it.",
                band_range(top)
            ),
        };
        return CompensationLookup { amount_pence, band: None, plain };
    };
    let between_bands = amount_pence < band.min_pence;
    let plain = if between_bands {
        format!(
            "{amount} lies between the table's bands, so it is treated as the {} band ({}): it must be authorised by {}.",
            band.level,
            band_range(band),
            band.authoriser
        )
    } else {
        format!("This is in the {} band: it must be authorised by {}.", band.level, band.authoriser)
    };
    CompensationLookup {
        amount_pence,
        band: Some(BandFound {
            level: band.level.clone(),
            impact: band.impact.clone(),
            range: band_range(band),
            authoriser: band.authoriser.clone(),
            clause: band.clause.clone(),
            between_bands,
        }),
        plain,
    }
}
