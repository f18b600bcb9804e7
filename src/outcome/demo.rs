//! The demo forum's outcome document (`assets/demo/outcome.json`): a draft with every kind of
//! section, for trying the editor and the PDF, and for tests. Speakers and sessions are named
//! by their English name and title.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{add_section, RichText, SectionInput, SectionKind};
use crate::bilingual::Bilingual;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::store::Tx;

const OUTCOME: &str = include_str!("../../assets/demo/outcome.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSection {
    kind: SectionKind,
    #[serde(default)]
    title: Bilingual,
    #[serde(default)]
    text: Bilingual,
    #[serde(default)]
    actor: Bilingual,
    speaker: Option<String>,
    #[serde(default)]
    sessions: Vec<String>,
}

/// Adds the demo sections to the event's document (a first draft).
pub(crate) fn load(tx: &Tx<'_>, event_id: &Id, now: DateTime<Utc>) -> Result<()> {
    let damaged = |e: String| Error::internal(format!("the demo outcome data is damaged: {e}"));
    let sections: Vec<DemoSection> = serde_json::from_str(OUTCOME).map_err(|e| damaged(e.to_string()))?;
    let speakers = tx.speakers().list(event_id)?;
    let sessions = tx.sessions().list(event_id)?;
    for s in sections {
        let speaker = match &s.speaker {
            Some(name) => Some(
                speakers
                    .iter()
                    .find(|x| x.name.en == *name)
                    .ok_or_else(|| damaged(format!("no speaker {name}")))?
                    .id
                    .to_string(),
            ),
            None => None,
        };
        let session_ids = s
            .sessions
            .iter()
            .map(|t| {
                sessions
                    .iter()
                    .find(|x| x.title.en == *t)
                    .map(|x| x.id.to_string())
                    .ok_or_else(|| damaged(format!("no session {t}")))
            })
            .collect::<Result<Vec<_>>>()?;
        let input = SectionInput {
            kind: Some(s.kind),
            title: s.title,
            body_en: RichText::from_markup("text", &s.text.en)?,
            body_ar: RichText::from_markup("textAr", &s.text.ar)?,
            actor: s.actor,
            speaker,
            sessions: session_ids,
            position: None,
        };
        add_section(tx, event_id, None, &input, now)?;
    }
    Ok(())
}
