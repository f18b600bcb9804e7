//! Reference lists the UI offers in its pickers; the same lists the core validates against.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferenceData {
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// IANA timezone names, sorted.
    pub timezones: Vec<String>,
}

pub fn reference_data() -> ReferenceData {
    let mut timezones: Vec<String> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_owned()).collect();
    timezones.sort();
    ReferenceData { countries: crate::country::all().iter().map(|c| c.code.to_owned()).collect(), timezones }
}
