//! The choices made at an import for values that matched nothing ("Intl. Organization" read as
//! the category `international_organisation`), remembered per event and field.

use super::db::{params, Db};

use super::rows;
use crate::error::Result;
use crate::id::Id;

pub struct ImportChoices<'c> {
    conn: &'c Db,
}

impl<'c> ImportChoices<'c> {
    pub(super) fn new(conn: &'c Db) -> ImportChoices<'c> {
        ImportChoices { conn }
    }

    /// Every choice remembered for the event: `(field, value key, stored value)`.
    pub fn list(&self, event_id: &Id) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT field, value_key, target FROM import_value_choices WHERE event_id = ?1 ORDER BY field, value_key",
        )?;
        rows(&mut stmt, params![event_id.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    }

    /// Remembers that `value_key` of `field` means `target`, replacing an earlier choice.
    pub fn remember(&self, event_id: &Id, field: &str, value_key: &str, target: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO import_value_choices (event_id, field, value_key, target) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (event_id, field, value_key) DO UPDATE SET target = excluded.target",
            params![event_id.as_str(), field, value_key, target],
        )?;
        Ok(())
    }
}
