//! Folding of names, organisations and e-mail addresses into keys for matching: search as you
//! type and duplicate detection. A key is never shown; what people typed is stored as typed.
//!
//! Latin: NFD, accents dropped, case-folded (`José` → `jose`). Arabic: the hamza forms of alef
//! (أ إ آ ٱ) read as ا, taa marbuta (ة) as haa (ه), alef maqsura (ى) as yaa (ي); tatweel and
//! vowel marks (harakat) are ignored. Anything that is not a letter or a digit separates words,
//! and bidi controls (U+202E…) vanish, so that what a person types finds what another typed.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::Participant;

/// The keys stored with a participant (store/migrations/0005).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// Every word that search matches: names in both scripts, organisation, e-mail, badge code.
    pub search: String,
    /// The name for duplicates: the English (Latin) one, or the Arabic one when that is all.
    pub name: String,
    pub org: String,
    pub email: Option<String>,
}

impl Keys {
    pub fn of(p: &Participant) -> Keys {
        let name = if fold(&p.name.en).is_empty() { fold(&p.name.ar) } else { fold(&p.name.en) };
        let org = if fold(&p.organisation.en).is_empty() { fold(&p.organisation.ar) } else { fold(&p.organisation.en) };
        let parts = [
            p.name.en.as_str(),
            p.name.ar.as_str(),
            p.organisation.en.as_str(),
            p.organisation.ar.as_str(),
            p.email.as_deref().unwrap_or_default(),
            p.badge_code.as_str(),
        ];
        Keys { search: fold(&parts.join(" ")), name, org, email: p.email.as_deref().map(email_key) }
    }
}

/// Words of `text`, folded, joined by single spaces: the matching form of a name.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) || is_invisible(c) {
            // Accents, harakat, hamza above/below (أ decomposes to ا + U+0654), tatweel,
            // zero-width and direction marks: ignored inside a word.
            continue;
        }
        let c = match c {
            '\u{0671}' => 'ا', // alef wasla does not decompose
            'ة' => 'ه',
            'ى' => 'ي',
            other => other,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for lower in c.to_lowercase() {
                out.push(lower);
            }
        } else {
            pending_space = true;
        }
    }
    // ß and a few others fold to letters that compose again; keep the key in NFC so that it
    // compares byte for byte.
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// The key of an e-mail address for duplicates: NFC and case-folded as a whole (the local part
/// too: no mail service in practice tells `Amina@` from `amina@`).
pub fn email_key(email: &str) -> String {
    email.trim().nfc().flat_map(char::to_lowercase).collect::<String>()
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0640}' // tatweel
        | '\u{200B}'..='\u{200F}' // zero-width space, joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // embeddings and overrides
        | '\u{2066}'..='\u{2069}' // isolates
        | '\u{061C}' // Arabic letter mark
        | '\u{FEFF}'
        | '\u{00AD}' // soft hyphen
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "fold({input:?})");
    }

    #[test]
    fn latin() {
        check("José Álvarez", "jose alvarez");
        check("  ZOË   van der Berg ", "zoe van der berg");
        check("O'Brien", "o brien");
        check("Jean-Luc", "jean luc");
        check("Søren Ærø", "søren ærø"); // letters of their own, not accented ones: kept
        check("Straße", "straße");
        check("İstanbul", "istanbul");
        check("Ｆｕｌｌ", "ｆｕｌｌ");
        check("", "");
        check("--", "");
    }

    #[test]
    fn composed_and_decomposed_agree() {
        assert_eq!(fold("Jose\u{301}"), fold("Jos\u{e9}"));
        assert_eq!(email_key("jos\u{e9}@UN.org"), email_key("Jose\u{301}@un.ORG"));
    }

    #[test]
    fn arabic() {
        check("أحمد", "احمد");
        check("إبراهيم", "ابراهيم");
        check("آمنة", "امنه");
        check("ٱلله", "الله");
        check("فاطمة", "فاطمه");
        check("مصطفى", "مصطفي");
        check("مُحَمَّد", "محمد");
        check("محـــمد", "محمد");
        check("عَبْدُ ٱللَّٰهِ", "عبد الله");
        check("وزارة الخارجية، قطر", "وزاره الخارجيه قطر");
        check("٣ أيار", "٣ ايار");
    }

    #[test]
    fn controls_vanish() {
        check("Amina\u{202E}Yusuf", "aminayusuf");
        check("\u{2067}أمينة\u{2069}", "امينه");
    }

    #[test]
    fn email_keys() {
        assert_eq!(email_key(" Amina.Yusuf@UN.org "), "amina.yusuf@un.org");
        assert_eq!(email_key("أمينة@مثال.قطر"), "أمينة@مثال.قطر");
    }
}
