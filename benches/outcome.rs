//! Renders outcome documents and prints the median wall time of several renders: the demo
//! forum's outcome in both languages (read from the store, as `muntada export outcome`
//! does), and a 200-page outcome with a 5,000-participant annex. Not a pass/fail test; the
//! targets are in the README. Run with `cargo bench --bench outcome`.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use muntada::documents::outcome::{export, render_outcome, Languages, OutcomeData};
use muntada::outcome::{Generated, Outcome, RichBlock, RichText, Section, SectionKind, Span, Version};
use muntada::participants::{Category, Participant, ParticipantStatus};
use muntada::{Bilingual, Id, Lang, Store};

const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

fn main() {
    let now = Utc.with_ymd_and_hms(2024, 5, 22, 16, 0, 0).unwrap();
    let mut store = Store::open_in_memory().expect("store");
    let event = muntada::demo::load(&mut store, now).expect("demo");
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let exported = export(&store, event.id.as_str(), Languages::Both, None, false).expect("export");
        times.push(start.elapsed());
        size = exported.bytes.len();
    }
    println!("outcome (demo, both languages): {} KiB", size / 1024);
    println!("  median: {:.3} s wall (target ≤ 0.300 s)", median(times));

    // A long outcome: 18 sections of five paragraphs, and 5,000 participants in the annex.
    let sections: Vec<Section> = (0..18)
        .map(|i| {
            let paragraph = |lang: Lang| RichBlock::Paragraph {
                spans: vec![Span::plain(match lang {
                    Lang::En => format!("Section {i}: the participants discussed technical assistance, its coordination among providers, national ownership and the follow-up of training with mentoring. "),
                    Lang::Ar => format!("القسم {i}: ناقش المشاركون المساعدة التقنية وتنسيقها بين مقدمي المساعدة والملكية الوطنية ومتابعة التدريب بالإرشاد. "),
                }.repeat(4))],
            };
            Section {
                key: Id::new(),
                kind: if i % 3 == 0 { SectionKind::Recommendation } else { SectionKind::Free },
                title: Bilingual::new(format!("Section {i}"), format!("القسم {i}")),
                body_en: RichText(vec![paragraph(Lang::En); 5]),
                body_ar: RichText(vec![paragraph(Lang::Ar); 5]),
                updated_en: Some(now),
                updated_ar: Some(now),
                actor: Bilingual::new("Member States", "الدول الأعضاء"),
                speaker_id: None,
                session_ids: vec![],
            }
        })
        .collect();
    let outcome = Outcome {
        version: Version { id: Id::new(), event_id: event.id.clone(), number: 1, created_at: now, adopted: None },
        sections,
    };
    let categories: Vec<Category> = ["member_state", "organisation", "civil_society", "media"]
        .iter()
        .enumerate()
        .map(|(i, key)| Category {
            id: Id::new(),
            event_id: event.id.clone(),
            key: (*key).to_owned(),
            name: Bilingual::new(format!("Category {i}"), format!("الفئة {i}")),
            position: i as u32,
        })
        .collect();
    let countries = ["QA", "SA", "EG", "FR", "KE", "NG", "PH", "UZ", "IQ", "MA"];
    let participants: Vec<Participant> = (0..5_000)
        .map(|i| Participant {
            version: 1,
            id: Id::new(),
            event_id: event.id.clone(),
            name: Bilingual::new(format!("Participant {i:04}"), format!("مشارك رقم {i:04}")),
            email: None,
            phone: None,
            organisation: Bilingual::new("United Nations Development Programme", "برنامج الأمم المتحدة الإنمائي"),
            country: Some(countries[i % countries.len()].to_owned()),
            category: categories[i % categories.len()].key.clone(),
            status: ParticipantStatus::Confirmed,
            badge_code: String::new(),
            consent: true,
            registered_at: now,
            honorific: String::new(),
            delegation: None,
        })
        .collect();
    let data = OutcomeData {
        event: &event,
        outcome: &outcome,
        speakers: &[],
        sessions: &[],
        generated: &Generated::live(&[], &participants, &categories),
        participants: &participants,
        categories: &categories,
        logo: None,
        annex: true,
    };
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let rendered = render_outcome(&data, Languages::One(Lang::En)).expect("render");
        times.push(start.elapsed());
        pages = rendered.pages;
        size = rendered.bytes.len();
    }
    println!("outcome (18 sections + 5,000-participant annex, English): {pages} pages, {} KiB", size / 1024);
    println!("  median: {:.3} s wall (target ≤ 1.000 s)", median(times));
}
