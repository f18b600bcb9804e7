//! One page of an event's participants for a table: search text (see `search`), filters by
//! status, category, country and delegation, a sort, and an offset, with the total that match.
//! The table asks for the rows it shows, so 100,000 participants cost one page at a time.
//!
//! Search needs an index built from every participant's key; an `IndexCache` keeps it between
//! queries (as someone types) and rebuilds it when the event's participants changed: every
//! change to a participant writes an audit entry, so the newest entry's number tells.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::model::SortKey;
use super::{Participant, ParticipantStatus, SearchIndex};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::store::{Store, Tx};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantQuery {
    /// Words to search for (names in both scripts, e-mail, organisation, badge code); empty for all.
    pub text: String,
    pub status: Option<ParticipantStatus>,
    /// A category key.
    pub category: Option<String>,
    /// An ISO country code.
    pub country: Option<String>,
    /// A delegation id.
    pub delegation: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantPage {
    /// How many participants match, in all.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<Participant>,
}

/// The longest page served at once.
pub const MAX_LIMIT: u32 = 1000;

/// The search index of the event last searched, and the state of the data it was built from;
/// and the order of the last filtered or re-sorted table, with the same.
#[derive(Default)]
pub struct IndexCache {
    built: Option<(Id, i64, SearchIndex)>,
    ordered: Option<Ordered>,
}

/// Every participant a table's filters match, in its order, as of `version` of the event's
/// participants: the table's next pages are slices of it.
struct Ordered {
    event: Id,
    version: i64,
    asked: Asked,
    ids: Vec<Id>,
}

/// What decides a table's order and who is in it (not the page: offset and limit).
#[derive(PartialEq)]
struct Asked {
    text: String,
    status: Option<ParticipantStatus>,
    category: Option<String>,
    country: Option<String>,
    delegation: Option<String>,
    sort: SortKey,
    descending: bool,
}

impl Asked {
    fn of(query: &ParticipantQuery) -> Asked {
        let set = |f: &Option<String>| f.clone().filter(|v| !v.is_empty());
        Asked {
            text: query.text.trim().to_owned(),
            status: query.status,
            category: set(&query.category),
            country: set(&query.country),
            delegation: set(&query.delegation),
            sort: query.sort,
            descending: query.descending,
        }
    }
}

impl IndexCache {
    pub const fn new() -> IndexCache {
        IndexCache { built: None, ordered: None }
    }

    /// The event's index: the one kept if it is of the data as it is now, else one built now,
    /// or none when `build` is false.
    fn index(&mut self, tx: &Tx<'_>, event_id: &Id, build: bool) -> Result<Option<&SearchIndex>> {
        let version = tx.participants().version(event_id)?;
        let fresh = matches!(&self.built, Some((id, v, _)) if id == event_id && *v == version);
        if !fresh {
            if !build {
                return Ok(None);
            }
            let index = SearchIndex::new(tx.participants().search_keys(event_id)?);
            self.built = Some((event_id.clone(), version, index));
        }
        Ok(self.built.as_ref().map(|(_, _, index)| index))
    }
}

/// A page by name with no filter but the search text, from the search index: its people are
/// in the table's name order (`name_key`, then id), so the page is a slice of those matching
/// and the total their number. The store then reads only the page's rows, where counting and
/// skipping to row 99,950 of 100,000 cost a server tens of milliseconds on every page. Without
/// search text the index is used only when it is already built and fresh (a first page does not
/// wait for it); `None` when the query is not of that kind.
fn from_index(
    tx: &Tx<'_>,
    event_id: &Id,
    query: &ParticipantQuery,
    cache: &mut IndexCache,
) -> Result<Option<ParticipantPage>> {
    let blank = query.text.trim().is_empty();
    if !by_name_only(query) {
        return Ok(None);
    }
    let Some(index) = cache.index(tx, event_id, !blank)? else { return Ok(None) };
    let mut people = if blank { (0..index.len() as u32).collect() } else { index.matching(&query.text) };
    if query.descending {
        people.reverse();
    }
    let rows = rows_in_order(tx, &index.ids_at(window(&people, query)))?;
    Ok(Some(ParticipantPage { total: people.len() as u32, offset: query.offset, rows }))
}

/// Whether `query` is of the table by name, with no filter but the search text.
fn by_name_only(query: &ParticipantQuery) -> bool {
    let unset = |f: &Option<String>| f.as_deref().is_none_or(str::is_empty);
    query.sort == SortKey::Name
        && query.status.is_none()
        && unset(&query.category)
        && unset(&query.country)
        && unset(&query.delegation)
}

/// A filtered or re-sorted page (by anything but category, whose order follows the
/// categories' positions, which the participants' version does not see): the store orders every
/// participant that matches once, and while the event's participants stay as they are, each
/// page is a slice of that order and a read of its rows. Counting the matches and walking or
/// sorting them to the offset on every page cost 0.1–0.6 s a page at 100,000 people.
fn from_order(
    tx: &Tx<'_>,
    event_id: &Id,
    query: &ParticipantQuery,
    cache: &mut IndexCache,
) -> Result<Option<ParticipantPage>> {
    if query.sort == SortKey::Category || by_name_only(query) {
        return Ok(None);
    }
    let version = tx.participants().version(event_id)?;
    let asked = Asked::of(query);
    let fresh = matches!(&cache.ordered, Some(o) if o.event == *event_id && o.version == version && o.asked == asked);
    if !fresh {
        cache.ordered = None;
        let ids = filtered(tx, event_id, query, cache, |filter| {
            tx.participants().ordered_ids(event_id, filter, query.sort, query.descending)
        })?;
        cache.ordered = Some(Ordered { event: event_id.clone(), version, asked, ids });
    }
    let ids = cache.ordered.as_ref().map(|o| o.ids.as_slice()).unwrap_or_default();
    let rows = rows_in_order(tx, window(ids, query))?;
    Ok(Some(ParticipantPage { total: ids.len() as u32, offset: query.offset, rows }))
}

/// The part of a table's whole order that `query`'s page shows.
fn window<'a, T>(all: &'a [T], query: &ParticipantQuery) -> &'a [T] {
    let from = (query.offset as usize).min(all.len());
    &all[from..(from + query.limit as usize).min(all.len())]
}

/// The participants of `ids`, in that order.
fn rows_in_order(tx: &Tx<'_>, ids: &[Id]) -> Result<Vec<Participant>> {
    let mut sorted = ids.to_vec();
    sorted.sort();
    let mut rows: std::collections::HashMap<Id, Participant> =
        tx.participants().get_sorted(&sorted)?.into_iter().map(|p| (p.id.clone(), p)).collect();
    Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
}

/// The page of participants `query` asks for.
pub fn query(
    store: &Store,
    event_id: &str,
    query: &ParticipantQuery,
    cache: &mut IndexCache,
) -> Result<ParticipantPage> {
    if query.limit == 0 || query.limit > MAX_LIMIT {
        return Err(Error::invalid("limit", Reason::InvalidValue, format!("must be between 1 and {MAX_LIMIT}")));
    }
    // One read transaction: the count and the page agree even while a desk writes.
    store.read(|tx| {
        let event_id = tx.events().resolve("event", event_id)?;
        if let Some(page) = from_index(tx, &event_id, query, cache)? {
            return Ok(page);
        }
        if let Some(page) = from_order(tx, &event_id, query, cache)? {
            return Ok(page);
        }
        let (total, rows) = filtered(tx, &event_id, query, cache, |filter| {
            tx.participants().page(&event_id, filter, query.sort, query.descending, query.offset, query.limit)
        })?;
        Ok(ParticipantPage { total, offset: query.offset, rows })
    })
}

/// The participants a bulk action applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Selection {
    /// These participants: ids, or 8+ of their first characters.
    Ids { ids: Vec<String> },
    /// Every participant the table's query matches (its sort, offset and limit do not matter).
    /// `expected` is how many the person was told would change: if the data changed since and
    /// another number matches now, nothing is done.
    Matching { query: ParticipantQuery, expected: Option<u32> },
}

impl Selection {
    /// The ids of the participants selected, for the bulk actions, read in the transaction
    /// that changes them. Ids given as typed (8+ characters of one) are resolved here, at the
    /// edge; the bulk operation checks that each is a participant of the event.
    pub fn ids(&self, tx: &Tx<'_>, event_id: &str, cache: &mut IndexCache) -> Result<Vec<Id>> {
        match self {
            Selection::Ids { ids } => typed_ids(tx, ids),
            Selection::Matching { query, expected } => {
                let event_id = tx.events().resolve("event", event_id)?;
                let ids =
                    filtered(tx, &event_id, query, cache, |filter| tx.participants().matching_ids(&event_id, filter))?;
                if ids.is_empty() {
                    return Err(Error::invalid("ids", Reason::Required, "no participant matches"));
                }
                match expected {
                    Some(n) if *n as usize != ids.len() => Err(Error::conflict(
                        Some("ids"),
                        Reason::Changed,
                        format!("{} participants match now, not {n}: the list changed, look at it again", ids.len()),
                    )),
                    _ => Ok(ids),
                }
            }
        }
    }
}

/// Participants' ids as a person or the app gives them: a full id is taken as it is, a prefix
/// (8+ characters) is resolved.
pub fn typed_ids(tx: &Tx<'_>, ids: &[String]) -> Result<Vec<Id>> {
    ids.iter().map(|id| Id::parse("ids", id).or_else(|_| tx.participants().resolve("ids", id))).collect()
}

/// Runs `read` with the store's filter for `query`'s search text and filters.
fn filtered<T>(
    tx: &Tx<'_>,
    event_id: &Id,
    query: &ParticipantQuery,
    cache: &mut IndexCache,
    read: impl FnOnce(&crate::store::ParticipantFilter<'_>) -> Result<T>,
) -> Result<T> {
    let delegation = super::delegation_of(tx, event_id, query.delegation.as_deref().unwrap_or_default())?;
    let search = if query.text.trim().is_empty() {
        None
    } else {
        cache.index(tx, event_id, true)?.map(|index| index.matches(&query.text))
    };
    read(&crate::store::ParticipantFilter {
        search: search.as_ref(),
        status: query.status,
        category: query.category.as_deref().filter(|c| !c.is_empty()),
        country: query.country.as_deref().filter(|c| !c.is_empty()),
        delegation: delegation.as_ref(),
    })
}
