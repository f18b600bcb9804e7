//! Folding of names, organisations and e-mail addresses into keys for matching: search as you
//! type and duplicate detection. A key is never shown; what people typed is stored as typed.
//!
//! Latin: NFD, accents dropped, case-folded (`José` → `jose`). Arabic: the hamza forms of alef
//! (أ إ آ ٱ) read as ا, taa marbuta (ة) as haa (ه), alef maqsura (ى) as yaa (ي); tatweel and
//! vowel marks (harakat) are ignored. Anything that is not a letter or a digit separates words,
//! and bidi controls (U+202E…) vanish, so that what a person types finds what another typed.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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
        let [name_en, name_ar, org_en, org_ar] =
            [&p.name.en, &p.name.ar, &p.organisation.en, &p.organisation.ar].map(|t| fold(t));
        // The fold of texts joined by spaces is their folds joined by spaces (a space only
        // separates words), so each text is folded once.
        let (email, badge) = (fold(p.email.as_deref().unwrap_or_default()), fold(&p.badge_code));
        // Arabic words with the article are also indexed without it, so that "عتيبي" finds
        // العتيبي as "Otaibi" finds Al-Otaibi (where the hyphen already separates the words).
        let bare = [&name_en, &name_ar, &org_en, &org_ar]
            .into_iter()
            .flat_map(|text| text.split(' ').filter_map(without_article))
            .collect::<Vec<_>>()
            .join(" ");
        let search = [&name_en, &name_ar, &org_en, &org_ar, &email, &badge, &bare]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let either = |en: String, ar: String| if en.is_empty() { ar } else { en };
        Keys {
            search,
            name: either(name_en, name_ar),
            org: either(org_en, org_ar),
            email: p.email.as_deref().map(email_key),
        }
    }
}

/// Words of `text`, folded, joined by single spaces: the matching form of a name.
///
/// Each character is decomposed on its own rather than the text put in NFD: the two differ only
/// in the order of combining marks, which are all dropped here, and ASCII (most Latin names)
/// skips the decomposition tables. This made the folding of a 100,000-row import several
/// times faster; `fold_matches_the_nfd_definition` checks the result is the same.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut take = |c: char| {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            } else {
                pending_space = true;
            }
            return;
        }
        if is_combining_mark(c) || is_invisible(c) {
            // Accents, harakat, hamza above/below (أ decomposes to ا + U+0654), tatweel,
            // zero-width and direction marks: ignored inside a word.
            return;
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
    };
    for c in text.chars() {
        if c.is_ascii() {
            take(c);
        } else {
            decompose_canonical(c, &mut take);
        }
    }
    // ß and a few others fold to letters that compose again; keep the key in NFC so that it
    // compares byte for byte.
    if out.is_ascii() || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

/// A folded Arabic word without its leading article "ال", when what is left is a word of two
/// letters or more (الله stays whole: "له" alone would find too much); `None` for other words.
pub fn without_article(word: &str) -> Option<&str> {
    let rest = word.strip_prefix("ال")?;
    (rest.chars().count() >= 2 && rest != "له").then_some(rest)
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
    fn the_article_comes_off_arabic_words_of_two_letters_or_more() {
        for (word, bare) in [
            ("العتيبي", Some("عتيبي")),
            ("الطرابلسي", Some("طرابلسي")),
            ("الزهراء", Some("زهراء")),
            ("الله", None),
            ("الع", None),
            ("ال", None),
            ("عتيبي", None),
            ("al", None),
        ] {
            assert_eq!(without_article(word), bare, "{word}");
        }
    }

    #[test]
    fn keys_hold_arabic_words_also_without_the_article() {
        let p = Participant::sample(
            crate::Bilingual::new("Sara Al-Otaibi", "سارة العتيبي"),
            crate::Bilingual::new("", "وزارة الخارجية"),
            None,
            "7K3M",
        );
        assert_eq!(Keys::of(&p).search, "sara al otaibi ساره العتيبي وزاره الخارجيه 7k3m عتيبي خارجيه");
        assert_eq!(Keys::of(&p).name, "sara al otaibi", "duplicates compare names as typed");
    }

    #[test]
    fn controls_vanish() {
        check("Amina\u{202E}Yusuf", "aminayusuf");
        check("\u{2067}أمينة\u{2069}", "امينه");
    }

    /// The definition `fold` had before it decomposed character by character: NFD of the whole
    /// text, then the same dropping and lower-casing, then NFC.
    fn fold_by_nfd(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfd() {
            if is_combining_mark(c) || is_invisible(c) {
                continue;
            }
            let c = match c {
                '\u{0671}' => 'ا',
                'ة' => 'ه',
                'ى' => 'ي',
                other => other,
            };
            if c.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            } else {
                pending_space = true;
            }
        }
        out.nfc().collect()
    }

    proptest::proptest! {
        #[test]
        fn fold_matches_the_nfd_definition(
            text in "[a-zA-Z0-9 '\\-.،À-ɏ\u{0300}-\u{036F}\u{0600}-\u{06FF}\u{0750}-\u{077F}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}\u{1E00}-\u{1EFF}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{AC00}-\u{AC20}İßẞ]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_by_nfd(&text));
        }

        #[test]
        fn fold_matches_the_nfd_definition_for_any_text(text in "\\PC{0,30}") {
            proptest::prop_assert_eq!(fold(&text), fold_by_nfd(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_search_key_is_the_fold_of_every_text_together(
            texts in proptest::collection::vec("[a-zA-Z0-9 '\\-.@À-ɏ\u{0300}-\u{036F}\u{0600}-\u{06FF}\u{200F}\u{202E}]{0,12}", 6)
        ) {
            let p = Participant::sample(
                crate::Bilingual::new(texts[0].clone(), texts[1].clone()),
                crate::Bilingual::new(texts[2].clone(), texts[3].clone()),
                Some(texts[4].clone()),
                &texts[5],
            );
            // The fold of every text together, then the Arabic words of the names and
            // organisation that carry the article, without it.
            let key = Keys::of(&p).search;
            let all = fold(&texts.join(" "));
            proptest::prop_assert!(key.starts_with(&all), "{key:?} / {all:?}");
            let named = fold(&[&texts[0], &texts[1], &texts[2], &texts[3]].map(String::as_str).join(" "));
            let bare: Vec<&str> = named.split(' ').filter_map(without_article).collect();
            let extra: Vec<&str> = key[all.len()..].split(' ').filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(extra, bare);
        }
    }

    #[test]
    fn email_keys() {
        assert_eq!(email_key(" Amina.Yusuf@UN.org "), "amina.yusuf@un.org");
        assert_eq!(email_key("أمينة@مثال.قطر"), "أمينة@مثال.قطر");
    }
}
