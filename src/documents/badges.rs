//! Badges: one card per participant with the name in both scripts (shaped by the engine),
//! the honorific (the participant's own, else their speaker record's), organisation, country, the category's colour band and
//! the QR code of the badge code. Four cards on an A4 sheet (cut along the gaps), or one per
//! A6 page for badge printers. Long names shrink to fit their card.

use qrcode::{Color, EcLevel, QrCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Export;
use crate::bilingual::Lang;
use crate::error::Result;
use crate::id::Id;
use crate::participants::{self, Participant, ParticipantStatus};
use crate::pdf::{Block, Document, Language, Margins, PageSetup, PageSize, Placed, PlacedText};
use crate::store::Store;
use crate::{country, event, programme};

/// How badges are laid on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BadgeLayout {
    /// Four 95 × 135 mm badges on each A4 sheet.
    #[default]
    A4,
    /// One badge filling each A6 page (105 × 148 mm).
    Single,
}

/// What one badge shows, gathered by the caller from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeData {
    pub participant: Participant,
    pub honorific: String,
    /// The category's name in both languages ("Media / وسائل الإعلام") and colour (0xRRGGBB).
    pub category: String,
    pub colour: u32,
}

const CARD: (f32, f32) = (95.0, 135.0);

/// The badges document (pure: no store, no clock).
pub fn badges(event_title: &str, people: &[BadgeData], layout: BadgeLayout) -> Document {
    let mut doc = Document::new(Language::En, format!("Badges — {event_title}"));
    let (size, slots): (PageSize, &[(f32, f32)]) = match layout {
        BadgeLayout::A4 => (PageSize::A4, &[(7.5, 11.0), (107.5, 11.0), (7.5, 151.0), (107.5, 151.0)]),
        BadgeLayout::Single => (PageSize::A6, &[(5.0, 6.5)]),
    };
    doc.page = PageSetup { size, margins: Margins::uniform(0.0) };
    for (i, person) in people.iter().enumerate() {
        if i > 0 && i % slots.len() == 0 {
            doc.blocks.push(Block::PageBreak);
        }
        let (x, y) = slots[i % slots.len()];
        doc.blocks.push(Block::Placed(card(event_title, person, x, y)));
    }
    doc
}

fn card(event_title: &str, b: &BadgeData, x: f32, y: f32) -> Vec<Placed> {
    let (w, h) = CARD;
    let p = &b.participant;
    let text = |dy: f32, size: f32, bold: bool, text: &str| {
        Placed::Text(PlacedText {
            x: x + 5.0,
            y: y + dy,
            width: w - 10.0,
            size,
            min_size: size * 0.35,
            bold,
            text: text.to_owned(),
        })
    };
    let mut shapes = vec![
        // A hairline frame to cut along, and the category's band at the foot.
        Placed::Rect { x, y, width: w, height: 0.2, rgb: 0xBBBBBB },
        Placed::Rect { x, y: y + h - 0.2, width: w, height: 0.2, rgb: 0xBBBBBB },
        Placed::Rect { x, y, width: 0.2, height: h, rgb: 0xBBBBBB },
        Placed::Rect { x: x + w - 0.2, y, width: 0.2, height: h, rgb: 0xBBBBBB },
        Placed::Rect { x, y: y + h - 16.0, width: w, height: 16.0, rgb: b.colour },
        text(6.0, 10.0, false, event_title),
    ];
    if !b.honorific.is_empty() {
        shapes.push(text(18.0, 11.0, false, &b.honorific));
    }
    shapes.push(text(25.0, 22.0, true, &p.name.en));
    shapes.push(text(38.0, 22.0, true, &p.name.ar));
    let organisation = [p.organisation.en.as_str(), p.organisation.ar.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    shapes.push(text(52.0, 12.0, false, &organisation));
    if let Some(code) = &p.country {
        let name = format!("{} / {}", country::name(code, Lang::En), country::name(code, Lang::Ar));
        shapes.push(text(60.0, 11.0, false, &name));
    }
    shapes.extend(qr(&p.badge_code, x + (w - 34.0) / 2.0, y + 70.0, 34.0));
    shapes.push(text(105.5, 10.0, false, &p.badge_code));
    shapes.push(text(h - 20.5, 10.0, true, &b.category));
    shapes
}

/// The QR code of `code` as filled squares (runs of dark modules in a row are one rectangle),
/// `side` mm wide with its quiet zone.
fn qr(code: &str, x: f32, y: f32, side: f32) -> Vec<Placed> {
    let Ok(qr) = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M) else {
        return Vec::new();
    };
    let n = qr.width();
    let module = side / (n + 8) as f32;
    let (x0, y0) = (x + 4.0 * module, y + 4.0 * module);
    let colors = qr.to_colors();
    let mut shapes = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Color::Dark {
                    col += 1;
                }
                shapes.push(Placed::Rect {
                    x: x0 + start as f32 * module,
                    y: y0 + row as f32 * module,
                    // A hair wider and taller, so that neighbours leave no seam when printed.
                    width: (col - start) as f32 * module + 0.02,
                    height: module + 0.02,
                    rgb: 0x000000,
                });
            } else {
                col += 1;
            }
        }
    }
    shapes
}

/// The badges of an event's participants (those with `status`, when given), by name.
pub fn export_badges(
    store: &Store,
    event_id: &str,
    status: Option<ParticipantStatus>,
    layout: BadgeLayout,
) -> Result<Export> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let categories = participants::categories(store, event.id.as_str())?;
    let colours = store.categories().colours(&event.id)?;
    let honorifics: Vec<(Id, String)> = programme::speakers(store, event.id.as_str())?
        .into_iter()
        .filter_map(|s| Some((s.participant_id?, s.honorific.en)))
        .collect();
    let people: Vec<BadgeData> = participants::list(store, event.id.as_str())?
        .into_iter()
        .filter(|p| status.is_none_or(|s| p.status == s))
        .map(|p| {
            let category = categories.iter().find(|c| c.key == p.category);
            let colour = colours.iter().find(|(k, _)| *k == p.category).map_or("#6b7280", |(_, c)| c.as_str());
            BadgeData {
                // The participant's own honorific, else their speaker record's.
                honorific: if p.honorific.is_empty() {
                    honorifics.iter().find(|(id, _)| *id == p.id).map(|(_, h)| h.clone()).unwrap_or_default()
                } else {
                    p.honorific.clone()
                },
                category: category.map(|c| format!("{} / {}", c.name.en, c.name.ar)).unwrap_or_default(),
                colour: u32::from_str_radix(colour.trim_start_matches('#'), 16).unwrap_or(0x6b7280),
                participant: p,
            }
        })
        .collect();
    let title = if event.title.en.is_empty() { &event.title.ar } else { &event.title.en };
    let mut doc = badges(title, &people, layout);
    doc.arabic_digits = super::digits(&event);
    Ok(Export::pdf("badges.pdf".into(), doc))
}
