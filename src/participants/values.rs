//! The values of an imported file's cells, read as Muntada stores them: a category, status,
//! country, honorific or consent written the way a registration form writes it ("Intl.
//! Organization", "NGO", "نعم", "✓", "UK", "الإمارات") matched to its key.
//!
//! The forms are data, in `FORMS` and `SPELLINGS` below, and nowhere else: a value a form writes
//! that is missed here becomes one more line of the table and one more case of its test. Values
//! are compared by `key`: folded (case, accents, punctuation, Arabic letter variants), with each
//! word's other spelling read as ours ("organization" as "organisation").

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::normalise::fold;
use super::Category;
use crate::country;

/// The fields whose values are matched against known values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ValueField {
    Category,
    Status,
    Country,
    Honorific,
    Consent,
}

impl ValueField {
    pub const ALL: [ValueField; 5] =
        [ValueField::Category, ValueField::Status, ValueField::Country, ValueField::Honorific, ValueField::Consent];

    /// The import field (`import::FIELDS`) of the same name.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueField::Category => "category",
            ValueField::Status => "status",
            ValueField::Country => "country",
            ValueField::Honorific => "honorific",
            ValueField::Consent => "consent",
        }
    }

    pub fn of_field(field: &str) -> Option<ValueField> {
        ValueField::ALL.into_iter().find(|f| f.as_str() == field)
    }
}

use ValueField::{Category as Cat, Consent, Country, Honorific, Status};

/// What a value is stored as (a category's key, a status, an ISO code, an honorific, `yes` or
/// `no`), and the other ways forms write it. A category's own key and names, a status's key and
/// a country's code and CLDR names (`assets/reference/countries.tsv`) are matched without being
/// listed here. A category form applies only when the event has that category.
pub const FORMS: &[(ValueField, &str, &[&str])] = &[
    // Categories: the keys of `model::default_categories`.
    (
        Cat,
        "member_state",
        &[
            "Member State",
            "Member States",
            "State",
            "Government",
            "Country delegation",
            "Delegation",
            "Ministry",
            "دولة عضو",
            "الدول الأعضاء",
            "حكومة",
            "وفد",
        ],
    ),
    (
        Cat,
        "international_organisation",
        &[
            "International organisation",
            "Intl. organisation",
            "Int'l organisation",
            "Intl org",
            "IO",
            "IGO",
            "Intergovernmental organisation",
            "International",
            "منظمة دولية",
            "منظمات دولية",
            "منظمة حكومية دولية",
        ],
    ),
    (
        Cat,
        "regional_organisation",
        &["Regional organisation", "Regional org", "Regional", "منظمة إقليمية", "منظمات إقليمية"],
    ),
    (
        Cat,
        "civil_society",
        &[
            "Civil society",
            "Civil society organisation",
            "CSO",
            "NGO",
            "INGO",
            "Non-governmental organisation",
            "Non governmental organisation",
            "المجتمع المدني",
            "منظمة غير حكومية",
            "منظمات المجتمع المدني",
        ],
    ),
    (
        Cat,
        "un",
        &[
            "UN",
            "United Nations",
            "UN agency",
            "UN agencies",
            "UN system",
            "UN entity",
            "الأمم المتحدة",
            "وكالة أممية",
            "وكالة تابعة للأمم المتحدة",
        ],
    ),
    (Cat, "donor", &["Donor", "Donors", "Funding partner", "جهة مانحة", "مانح", "المانحون"]),
    (Cat, "media", &["Media", "Press", "Journalist", "وسائل الإعلام", "إعلام", "صحافة", "صحفي"]),
    (Cat, "other", &["Other", "Others", "Guest", "أخرى", "أخرى", "آخر", "ضيف"]),
    // Statuses: `ParticipantStatus`.
    (
        Status,
        "interest_registered",
        &["Interest registered", "Interested", "Registered", "Pending", "New", "مهتم", "مسجل", "قيد الانتظار"],
    ),
    (Status, "confirmed", &["Confirmed", "Accepted", "Approved", "Attending", "مؤكد", "تم التأكيد", "مقبول"]),
    (
        Status,
        "waitlisted",
        &[
            "Waitlisted",
            "Wait-listed",
            "Waiting list",
            "Wait list",
            "On the waiting list",
            "قائمة الانتظار",
            "على قائمة الانتظار",
        ],
    ),
    (
        Status,
        "declined",
        &["Declined", "Cancelled", "Not attending", "Regrets", "Rejected", "اعتذر", "معتذر", "ملغى", "مرفوض"],
    ),
    (Status, "checked_in", &["Checked in", "Checked-in", "Attended", "Present", "حضر", "تم تسجيل الحضور"]),
    // Consent.
    (
        Consent,
        "yes",
        &[
            "Yes",
            "Y",
            "True",
            "1",
            "X",
            "✓",
            "✔",
            "☑",
            "I agree",
            "Agree",
            "Agreed",
            "I consent",
            "نعم",
            "أوافق",
            "موافق",
        ],
    ),
    (
        Consent,
        "no",
        &["No", "N", "False", "0", "✗", "✘", "☐", "I do not agree", "Disagree", "لا", "لا أوافق", "غير موافق"],
    ),
    // Honorifics: written as badges print them. Arabic ones (سعادة، معالي، د.) are kept as typed:
    // a badge prints the one honorific field, and "H.E." is not what an Arabic badge says.
    (Honorific, "H.E.", &["HE", "H.E", "His Excellency", "Her Excellency"]),
    (Honorific, "Dr", &["Dr.", "Doctor"]),
    (Honorific, "Prof.", &["Prof", "Professor"]),
    (Honorific, "Mr", &["Mr.", "Mister"]),
    (Honorific, "Ms", &["Ms."]),
    (Honorific, "Mrs", &["Mrs."]),
    (Honorific, "Amb.", &["Ambassador", "Amb"]),
    // Countries: the short and long forms CLDR's names are not.
    (
        Country,
        "GB",
        &[
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "United Kingdom of Great Britain and Northern Ireland",
            "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
            "بريطانيا",
        ],
    ),
    (
        Country,
        "US",
        &["USA", "U.S.", "U.S.A.", "United States of America", "America", "الولايات المتحدة الأمريكية", "أمريكا"],
    ),
    (Country, "AE", &["UAE", "U.A.E.", "Emirates", "الإمارات", "الامارات"]),
    (Country, "SA", &["KSA", "Saudi", "Kingdom of Saudi Arabia", "السعودية"]),
    (Country, "EG", &["Arab Republic of Egypt", "جمهورية مصر العربية"]),
    (Country, "SY", &["Syrian Arab Republic", "الجمهورية العربية السورية", "سورية"]),
    (Country, "PS", &["Palestine", "فلسطين"]),
    (Country, "IR", &["Iran (Islamic Republic of)", "Islamic Republic of Iran"]),
    (Country, "KR", &["Republic of Korea", "Korea, Republic of", "Korea (Republic of)"]),
    (Country, "KP", &["Democratic People's Republic of Korea", "DPRK"]),
    (Country, "RU", &["Russian Federation"]),
    (Country, "VN", &["Viet Nam"]),
    (Country, "LA", &["Lao People's Democratic Republic", "Lao PDR"]),
    (Country, "MD", &["Republic of Moldova"]),
    (Country, "TZ", &["United Republic of Tanzania"]),
    (Country, "BO", &["Bolivia (Plurinational State of)", "Plurinational State of Bolivia"]),
    (Country, "VE", &["Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela"]),
    (Country, "CZ", &["Czech Republic"]),
    (Country, "TR", &["Turkey", "Turkiye", "Republic of Türkiye"]),
    (Country, "CI", &["Ivory Coast", "Cote d'Ivoire"]),
    (Country, "CD", &["Democratic Republic of the Congo", "DRC", "DR Congo"]),
    (Country, "CG", &["Republic of the Congo", "Congo"]),
    (Country, "NL", &["Holland", "Kingdom of the Netherlands", "The Netherlands"]),
    (Country, "MK", &["Macedonia", "Republic of North Macedonia"]),
    (Country, "SZ", &["Swaziland"]),
    (Country, "MM", &["Myanmar", "Burma"]),
    (Country, "VA", &["Holy See", "Vatican"]),
    (Country, "KW", &["State of Kuwait", "دولة الكويت"]),
    (Country, "QA", &["State of Qatar", "دولة قطر"]),
];

/// Words spelt another way, or abbreviated, read as the first form of each pair: compared
/// after folding, word by word ("Intl." folds to "intl", "Int'l" to "int l").
pub const SPELLINGS: &[(&str, &str)] = &[
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("organisation", "org"),
    ("organisations", "orgs"),
    ("international", "intl"),
    ("international", "int l"),
    ("non governmental", "nongovernmental"),
    ("intergovernmental", "inter governmental"),
    ("programme", "program"),
    ("centre", "center"),
    ("cancelled", "canceled"),
];

/// The matching form of a value: folded, letters of an abbreviation written with dots ("U.N.",
/// "H.E.") joined, other spellings read as ours. A value of symbols only ("✓") is its own key.
pub fn key(value: &str) -> String {
    let folded = fold(value);
    if folded.is_empty() {
        return value.trim().to_owned();
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let mut joined = String::with_capacity(folded.len());
    for (i, word) in words.iter().enumerate() {
        let letter = |w: Option<&&str>| w.is_some_and(|w| w.chars().count() == 1);
        let in_abbreviation = letter(Some(word)) && i > 0 && letter(words.get(i - 1));
        if i > 0 && !in_abbreviation {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    let mut padded = format!(" {joined} ");
    for (ours, theirs) in SPELLINGS {
        let theirs = format!(" {theirs} ");
        while padded.contains(&theirs) {
            padded = padded.replace(&theirs, &format!(" {ours} "));
        }
    }
    padded.trim().to_owned()
}

/// Every known value of an event, by field and key: made once per import.
pub struct Values {
    known: HashMap<(ValueField, String), String>,
}

impl Values {
    pub fn new(categories: &[Category]) -> Values {
        let mut known = HashMap::new();
        let mut add = |field: ValueField, form: &str, stored: &str| {
            known.entry((field, key(form))).or_insert_with(|| stored.to_owned());
        };
        // The event's own names first: an event may have renamed a category to a form below.
        for c in categories {
            for form in [&c.key, &c.name.en, &c.name.ar] {
                if !form.is_empty() {
                    add(Cat, form, &c.key);
                }
            }
        }
        for status in super::ParticipantStatus::ALL {
            add(Status, status.as_str(), status.as_str());
        }
        for c in country::all() {
            add(Country, c.code, c.code);
        }
        for c in country::all() {
            add(Country, c.en, c.code);
            add(Country, c.ar, c.code);
        }
        for (field, stored, forms) in FORMS {
            if *field == Cat && !categories.iter().any(|c| c.key == *stored) {
                continue;
            }
            add(*field, stored, stored);
            for form in *forms {
                add(*field, form, stored);
            }
        }
        Values { known }
    }

    /// What `value` is stored as, or `None` when it matches nothing known.
    pub fn find(&self, field: ValueField, value: &str) -> Option<&str> {
        self.find_key(field, key(value))
    }

    /// `find` for a value already made a `key`.
    pub fn find_key(&self, field: ValueField, key: String) -> Option<&str> {
        self.known.get(&(field, key)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;

    fn values() -> Values {
        Values::new(&super::super::default_categories(&Id::new()))
    }

    fn check(field: ValueField, input: &str, expected: Option<&str>) {
        assert_eq!(values().find(field, input), expected, "{field:?} {input:?}");
    }

    #[test]
    fn every_form_in_the_table_finds_its_value() {
        let values = values();
        for (field, stored, forms) in FORMS {
            for form in forms.iter().chain([stored]) {
                assert_eq!(values.find(*field, form), Some(*stored), "{field:?} {form:?}");
                // Any case, and the punctuation and spaces a form adds.
                let shouted = format!("  {}. ", form.to_uppercase());
                if !fold(form).is_empty() {
                    assert_eq!(values.find(*field, &shouted), Some(*stored), "{field:?} {shouted:?}");
                }
            }
        }
    }

    #[test]
    fn no_form_means_two_values() {
        let mut seen: HashMap<(ValueField, String), &str> = HashMap::new();
        for (field, stored, forms) in FORMS {
            for form in *forms {
                if let Some(other) = seen.insert((*field, key(form)), stored) {
                    assert_eq!(other, *stored, "{field:?} {form:?} is both {other} and {stored}");
                }
            }
        }
    }

    #[test]
    fn categories() {
        for (input, key) in [
            ("International Organization", Some("international_organisation")),
            ("international organisation", Some("international_organisation")),
            ("INTERNATIONAL-ORGANIZATION", Some("international_organisation")),
            ("Intl. Organization", Some("international_organisation")),
            ("Int'l Org.", Some("international_organisation")),
            ("international_organisation", Some("international_organisation")),
            ("منظمة دولية", Some("international_organisation")),
            ("Regional Organization", Some("regional_organisation")),
            ("NGO", Some("civil_society")),
            ("Non-Governmental Organization", Some("civil_society")),
            ("Member State", Some("member_state")),
            ("member-state", Some("member_state")),
            ("دولة عضو", Some("member_state")),
            ("UN agency", Some("un")),
            ("U.N.", Some("un")),
            ("الامم المتحدة", Some("un")),
            ("media", Some("media")),
            ("VIP", None),
            ("", None),
        ] {
            check(Cat, input, key);
        }
    }

    #[test]
    fn a_renamed_category_is_found_by_its_name_and_a_missing_one_not_at_all() {
        let mut categories = super::super::default_categories(&Id::new());
        categories.retain(|c| c.key != "media");
        categories[0].name.en = "Government".into();
        let values = Values::new(&categories);
        assert_eq!(values.find(Cat, "government"), Some("member_state"));
        assert_eq!(values.find(Cat, "Press"), None);
    }

    #[test]
    fn statuses_consent_and_honorifics() {
        for (field, input, expected) in [
            (Status, "Confirmed", Some("confirmed")),
            (Status, "checked-in", Some("checked_in")),
            (Status, "Wait list", Some("waitlisted")),
            (Status, "Canceled", Some("declined")),
            (Status, "مؤكد", Some("confirmed")),
            (Status, "finished", None),
            (Consent, "Yes", Some("yes")),
            (Consent, "yes.", Some("yes")),
            (Consent, "✓", Some("yes")),
            (Consent, "نعم", Some("yes")),
            (Consent, "لا", Some("no")),
            (Consent, "NO", Some("no")),
            (Consent, "maybe", None),
            (Honorific, "his excellency", Some("H.E.")),
            (Honorific, "h.e.", Some("H.E.")),
            (Honorific, "dr", Some("Dr")),
            (Honorific, "Sheikh", None),
            (Honorific, "سعادة", None),
        ] {
            check(field, input, expected);
        }
    }

    #[test]
    fn countries() {
        for (input, code) in [
            ("qa", Some("QA")),
            ("Qatar", Some("QA")),
            ("قطر", Some("QA")),
            ("UK", Some("GB")),
            ("United Kingdom", Some("GB")),
            ("United Kingdom of Great Britain and Northern Ireland", Some("GB")),
            ("the United States of America", None),
            ("United States of America", Some("US")),
            ("USA", Some("US")),
            ("الإمارات", Some("AE")),
            ("الامارات العربية المتحده", Some("AE")),
            ("UAE", Some("AE")),
            ("Côte d'Ivoire", Some("CI")),
            ("Cote d’Ivoire", Some("CI")),
            ("Türkiye", Some("TR")),
            ("Turkey", Some("TR")),
            ("Viet Nam", Some("VN")),
            ("Atlantis", None),
        ] {
            check(Country, input, code);
        }
    }

    #[test]
    fn spellings() {
        assert_eq!(key("Intl. Organization"), "international organisation");
        assert_eq!(key("Int'l Organizations"), "international organisations");
        assert_eq!(key(" ✓ "), "✓");
        assert_eq!(key("Organ"), "organ");
        assert_eq!(key("U.S.A."), "usa");
        assert_eq!(key("H. E."), "he");
        assert_eq!(key("Côte d'Ivoire"), "cote d ivoire");
    }
}
