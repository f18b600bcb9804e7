//! The programme as frab schedule XML, the format conference apps (Giggity, ConfClerk, the
//! Fahrplan apps) and pretalx's importer read; c3voc's `schedule.xml.xsd` describes it. It is
//! written from the schedule JSON value (`schedule_json::schedule`), so the two feeds always
//! say the same thing: same days, rooms, identifiers, times and slugs.
//!
//! Every piece of user text goes through the XML writer, which escapes it; characters XML 1.0
//! cannot carry at all (control characters other than tab and line breaks) are dropped.

use std::borrow::Cow;
use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use serde_json::Value;

/// The XML text of `schedule`, a value made by `schedule_json::schedule`.
pub fn render(schedule: &Value) -> io::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let body = &schedule["schedule"];
    let conference = &body["conference"];
    w.create_element("schedule").write_inner_content(|w| {
        let generator = &schedule["generator"];
        w.create_element("generator")
            .with_attribute(("name", str_of(&generator["name"])))
            .with_attribute(("version", str_of(&generator["version"])))
            .write_empty()?;
        text(w, "version", str_of(&body["version"]))?;
        w.create_element("conference").write_inner_content(|w| {
            text(w, "title", str_of(&conference["title"]))?;
            text(w, "acronym", str_of(&conference["acronym"]))?;
            text(w, "start", str_of(&conference["start"]))?;
            text(w, "end", str_of(&conference["end"]))?;
            text(w, "days", &conference["daysCount"].to_string())?;
            text(w, "timeslot_duration", str_of(&conference["timeslot_duration"]))?;
            text(w, "time_zone_name", str_of(&conference["time_zone_name"]))?;
            Ok(())
        })?;
        let guids = room_guids(conference);
        for day in array(&conference["days"]) {
            w.create_element("day")
                .with_attribute(("index", day["index"].to_string().as_str()))
                .with_attribute(("date", str_of(&day["date"])))
                .with_attribute(("start", str_of(&day["day_start"])))
                .with_attribute(("end", str_of(&day["day_end"])))
                .write_inner_content(|w| {
                    let Some(rooms) = day["rooms"].as_object() else { return Ok(()) };
                    for (name, sessions) in rooms {
                        let mut room = w.create_element("room").with_attribute(("name", clean(name).as_ref()));
                        if let Some(guid) = guids.iter().find(|(n, _)| n == name).map(|(_, g)| g) {
                            room = room.with_attribute(("guid", guid.as_str()));
                        }
                        room.write_inner_content(|w| array(sessions).iter().try_for_each(|s| session(w, s)))?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    String::from_utf8(w.into_inner()).map_err(io::Error::other)
}

fn session(w: &mut Writer<Vec<u8>>, s: &Value) -> io::Result<()> {
    w.create_element("event")
        .with_attribute(("id", s["id"].to_string().as_str()))
        .with_attribute(("guid", str_of(&s["guid"])))
        .write_inner_content(|w| {
            for field in ["room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug"] {
                text(w, field, str_of(&s[field]))?;
            }
            // Our sessions have no track; the element is required, and empty says so.
            text(w, "track", str_of(&s["track"]))?;
            w.create_element("persons").write_inner_content(|w| {
                for p in array(&s["persons"]) {
                    w.create_element("person")
                        .with_attribute(("guid", str_of(&p["guid"])))
                        .write_text_content(BytesText::new(&clean(str_of(&p["public_name"]))))?;
                }
                Ok(())
            })?;
            text(w, "language", str_of(&s["language"]))?;
            text(w, "description", str_of(&s["description"]))?;
            w.create_element("recording").write_inner_content(|w| {
                text(w, "license", str_of(&s["recording_license"]))?;
                let optout = s["do_not_record"].as_bool().unwrap_or(true);
                text(w, "optout", if optout { "true" } else { "false" })
            })?;
            w.create_element("links").write_empty()?;
            w.create_element("attachments").write_empty()?;
            Ok(())
        })?;
    Ok(())
}

/// An element holding `value` as escaped text.
fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(&clean(value)))?;
    Ok(())
}

/// `text` without the characters XML 1.0 cannot hold even escaped: C0 controls other than tab,
/// LF and CR, and the non-characters U+FFFE and U+FFFF.
pub fn clean(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        !(c.is_control() && !matches!(c, '\t' | '\n' | '\r') && c < '\u{80}') && c != '\u{FFFE}' && c != '\u{FFFF}'
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn array(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// The rooms' (name, guid) pairs from the conference's room list.
fn room_guids(conference: &Value) -> Vec<(String, String)> {
    array(&conference["rooms"]).iter().map(|r| (str_of(&r["name"]).to_owned(), str_of(&r["guid"]).to_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_xml_cannot_carry_is_dropped() {
        for (text, expected) in [
            ("Opening", "Opening"),
            ("a\tb\nc\r", "a\tb\nc\r"),
            ("bell\u{7}", "bell"),
            ("\u{0}x\u{1F}", "x"),
            ("الجلسة الافتتاحية", "الجلسة الافتتاحية"),
            ("x\u{FFFE}", "x"),
            // C1 controls are allowed in XML 1.0 (discouraged, not forbidden).
            ("\u{85}", "\u{85}"),
        ] {
            assert_eq!(clean(text), expected, "{text:?}");
        }
    }

    #[test]
    fn user_text_is_escaped() {
        let schedule = serde_json::json!({
            "generator": { "name": "muntada", "version": "0" },
            "schedule": {
                "version": "v1 <final>",
                "conference": {
                    "title": "Youth & Peace <\"Doha\"> 'forum'",
                    "acronym": "youth_peace",
                    "days": [],
                },
            },
        });
        let xml = render(&schedule).unwrap();
        assert!(xml.contains("<title>Youth &amp; Peace &lt;&quot;Doha&quot;&gt; &apos;forum&apos;</title>"), "{xml}");
        assert!(xml.contains("<version>v1 &lt;final&gt;</version>"), "{xml}");
    }
}
