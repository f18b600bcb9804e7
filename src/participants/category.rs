//! Accreditation categories of an event: renamed or added by the organisers, each with the
//! colour of its band on badges.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::normalise::fold;
use super::Category;
use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::store::Tx;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryInput {
    pub name: Bilingual,
    /// The badge band's colour, `#rrggbb`.
    pub colour: String,
}

/// Changes the category `key` of an event, or adds one when `key` is empty (its key made from
/// the English name). Returns the category's key.
pub fn save(tx: &Tx<'_>, event_id: &Id, key: &str, input: &CategoryInput) -> Result<String> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let name = input.name.clean_required("name", input::MAX_NAME)?;
    let colour = colour("colour", &input.colour)?;
    let categories = tx.categories().list(&event_id)?;
    if key.trim().is_empty() {
        let category = new_category(&event_id, name, &categories)?;
        tx.categories().add(&category, &colour)?;
        Ok(category.key)
    } else {
        let category =
            categories.iter().find(|c| c.key == key).ok_or_else(|| Error::not_found("key", "category", key))?;
        tx.categories().rename(&category.id, &name, &colour)?;
        Ok(category.key.clone())
    }
}

/// A category named `name` (already checked) to add after `existing`, its key made from the
/// English name; refused when the event has one of that key or English name.
pub(crate) fn new_category(event_id: &Id, name: Bilingual, existing: &[Category]) -> Result<Category> {
    let key = new_key(&name, existing);
    if existing.iter().any(|c| c.key == key || c.name.en.eq_ignore_ascii_case(&name.en) && !name.en.is_empty()) {
        return Err(Error::conflict(Some("name"), Reason::Duplicate, "the event has a category with this name"));
    }
    Ok(Category {
        id: Id::new(),
        event_id: event_id.clone(),
        key,
        name,
        position: existing.iter().map(|c| c.position + 1).max().unwrap_or(0),
    })
}

/// `#rrggbb` (any case, surrounding spaces forgiven), lower-cased as stored.
fn colour(field: &str, value: &str) -> Result<String> {
    let value = value.trim().to_ascii_lowercase();
    let valid = value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit());
    if !valid {
        return Err(Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not a colour like #1d4ed8")));
    }
    Ok(value)
}

/// `member_state` from "Member State"; an Arabic-only name gets `category_N`.
fn new_key(name: &Bilingual, existing: &[Category]) -> String {
    let folded = fold(&name.en);
    let ascii: String = folded.split(' ').filter(|w| w.is_ascii()).collect::<Vec<_>>().join("_");
    if ascii.is_empty() {
        format!("category_{}", existing.len() + 1)
    } else {
        ascii
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        let check = |input: &str, expected: Option<&str>| {
            assert_eq!(colour("colour", input).ok().as_deref(), expected, "{input:?}");
        };
        check("#1D4ED8", Some("#1d4ed8"));
        check(" #abcdef ", Some("#abcdef"));
        check("#abc", None);
        check("1d4ed8", None);
        check("#1d4ed8ff", None);
        check("#gggggg", None);
        check("", None);
    }

    #[test]
    fn keys() {
        let check = |en: &str, expected: &str| assert_eq!(new_key(&Bilingual::new(en, "ضيوف"), &[]), expected);
        check("Guest of honour", "guest_of_honour");
        check("  Médias ", "medias");
        check("", "category_1");
    }
}
