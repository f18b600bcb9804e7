//! The programme as iCalendar (RFC 5545): one VEVENT per session, times in UTC, a UID made from
//! the session's id so that importing the file again updates the entries instead of adding new
//! ones. Text is escaped (§3.3.11) and lines are folded at 75 octets without splitting a
//! UTF-8 character (§3.1).

use chrono::{DateTime, Utc};

use super::release::Snapshot;
use super::Session;
use crate::bilingual::Lang;
use crate::event::Event;
use crate::id::Id;

/// The calendar of `snapshot`'s sessions, or of those `speaker` has a role in. `stamp` is the
/// DTSTAMP of every entry (when the file was made).
pub fn calendar(event: &Event, snapshot: &Snapshot, speaker: Option<&Id>, stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Muntada//Programme//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(event.title.get(Lang::En))));
    line(&format!("X-WR-TIMEZONE:{}", escape(&event.timezone)));
    for session in snapshot.sessions.iter().filter(|s| {
        speaker.is_none_or(|p| snapshot.assignments.iter().any(|a| &a.speaker_id == p && a.session_id == s.id))
    }) {
        vevent(&mut line, snapshot, session, stamp);
    }
    line("END:VCALENDAR");
    out
}

/// The UID of a session's entry: the same in every export of the session.
pub fn uid(session_id: &Id) -> String {
    format!("{session_id}@muntada")
}

fn vevent(line: &mut impl FnMut(&str), snapshot: &Snapshot, s: &Session, stamp: DateTime<Utc>) {
    line("BEGIN:VEVENT");
    line(&format!("UID:{}", uid(&s.id)));
    line(&format!("DTSTAMP:{}", utc(stamp)));
    line(&format!("DTSTART:{}", utc(s.start)));
    line(&format!("DTEND:{}", utc(s.end)));
    line(&format!("SUMMARY:{}", escape(s.title.get(Lang::En))));
    if let Some(room) = s.room_id.as_ref().and_then(|r| snapshot.room(r)) {
        line(&format!("LOCATION:{}", escape(room.name.get(Lang::En))));
    }
    line(&format!("CATEGORIES:{}", escape(s.kind.as_str())));
    let mut description = Vec::new();
    if let Some(other) = s.title.other(Lang::En) {
        description.push(other.to_owned());
    }
    for a in snapshot.assignments.iter().filter(|a| a.session_id == s.id) {
        if let Some(p) = snapshot.speakers.iter().find(|p| p.id == a.speaker_id) {
            let honorific = p.honorific.get(Lang::En);
            let name = p.name.get(Lang::En);
            let who = if honorific.is_empty() { name.to_owned() } else { format!("{honorific} {name}") };
            description.push(format!("{}: {who}", a.role.label(Lang::En)));
        }
    }
    if !s.description.get(Lang::En).is_empty() {
        description.push(s.description.get(Lang::En).to_owned());
    }
    if !description.is_empty() {
        line(&format!("DESCRIPTION:{}", escape(&description.join("\n"))));
    }
    line("END:VEVENT");
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks (§3.3.11). Other control
/// characters are not allowed in a content line and are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded into content lines of at most 75 octets, each ended by CRLF; a
/// continuation line starts with one space, which counts towards its 75.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, line);
        out
    }

    #[test]
    fn folding_keeps_characters_whole() {
        let short = "SUMMARY:Opening";
        assert_eq!(folded(short), "SUMMARY:Opening\r\n");
        // 8 + 67 = 75 octets: fits exactly.
        let exact = format!("SUMMARY:{}", "a".repeat(67));
        assert_eq!(folded(&exact), format!("{exact}\r\n"));
        // Arabic letters are two octets: no line may pass 75 octets nor cut a letter.
        let arabic = format!("SUMMARY:{}", "منتدى الدوحة ".repeat(20));
        let text = folded(&arabic);
        for l in text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        }
        assert_eq!(text.strip_suffix("\r\n").unwrap().replace("\r\n ", ""), arabic);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a;b,c\\d\ne\r\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
        assert_eq!(escape("bell\u{7}"), "bell");
    }
}
