//! Search as you type over an event's participants: every word of the query (folded like the
//! names, see `normalise`) must begin a word of the person's names (both scripts),
//! organisation, e-mail address or badge code. "am yu" finds Amina Yusuf; "امنه" finds آمنة.
//!
//! The index is built once from the stored keys and kept by its caller (the app keeps one per
//! open event); each query is a binary search in a sorted list of words, then a check of the
//! other query words against the few candidates.

use super::model::Matches;
use super::normalise::{fold, without_article};
use crate::id::Id;

pub struct SearchIndex {
    ids: Vec<Id>,
    /// Each participant's key (folded words joined by spaces), in name order.
    keys: Vec<String>,
    /// Every (participant, word start, word length), sorted by the word.
    words: Vec<WordRef>,
}

/// The first `limit` matches, in name order, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHits {
    pub ids: Vec<Id>,
    pub total: usize,
}

#[derive(Clone, Copy)]
struct WordRef {
    person: u32,
    start: u32,
    len: u32,
}

impl SearchIndex {
    /// From `(id, search key)` in the order results are shown (by name).
    pub fn new(rows: Vec<(Id, String)>) -> SearchIndex {
        let mut ids = Vec::with_capacity(rows.len());
        let mut keys = Vec::with_capacity(rows.len());
        let mut words = Vec::new();
        for (person, (id, key)) in rows.into_iter().enumerate() {
            let mut start = 0;
            for word in key.split(' ') {
                if !word.is_empty() {
                    words.push(WordRef { person: person as u32, start: start as u32, len: word.len() as u32 });
                }
                start += word.len() + 1;
            }
            ids.push(id);
            keys.push(key);
        }
        let mut index = SearchIndex { ids, keys, words };
        let mut words = std::mem::take(&mut index.words);
        words.sort_unstable_by(|a, b| index.word(*a).cmp(index.word(*b)));
        index.words = words;
        index
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The participants matching `query`; an empty query (after folding) matches nobody.
    pub fn search(&self, query: &str, limit: usize) -> SearchHits {
        let people = self.matching(query);
        SearchHits {
            total: people.len(),
            ids: people.iter().take(limit).map(|&p| self.ids[p as usize].clone()).collect(),
        }
    }

    /// The participants matching `query` as the shorter of two lists: those it matches, or
    /// those it does not (of everyone in the index). One typed letter starts a word of most of
    /// 100,000 people; the store is then told the few it leaves out, not the many it keeps.
    pub fn matches(&self, query: &str) -> Matches {
        let people = self.matching(query);
        if people.len() * 2 <= self.ids.len() {
            return Matches::Only(people.iter().map(|&p| self.ids[p as usize].clone()).collect());
        }
        let mut hit = vec![false; self.ids.len()];
        for &p in &people {
            hit[p as usize] = true;
        }
        Matches::AllBut(self.ids.iter().zip(hit).filter(|(_, hit)| !hit).map(|(id, _)| id.clone()).collect())
    }

    /// The ids of the people at `positions` (as [`Self::matching`] gives them).
    pub fn ids_at(&self, positions: &[u32]) -> Vec<Id> {
        positions.iter().map(|&p| self.ids[p as usize].clone()).collect()
    }

    /// The positions of the participants matching `query`, in name order.
    pub fn matching(&self, query: &str) -> Vec<u32> {
        let query = fold(query);
        // A term typed with the article also matches the word without it ("العتيبي" finds
        // عتيبي): the keys hold every Arabic word also without its article (`Keys::of`).
        let mut terms: Vec<(&str, Option<&str>)> =
            query.split(' ').filter(|t| !t.is_empty()).map(|t| (t, without_article(t))).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        // The longest term has the fewest words starting with it.
        terms.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        let (first, rest) = (terms[0], &terms[1..]);
        // A mark per person rather than sorting the candidates: one typed letter starts the
        // words of a third of 100,000 people, and the marks come out in name order for free.
        let mut marked = vec![false; self.ids.len()];
        for prefix in [Some(first.0), first.1].into_iter().flatten() {
            let from = self.words.partition_point(|w| self.word(*w) < prefix);
            for w in self.words[from..].iter().take_while(|w| self.word(**w).starts_with(prefix)) {
                marked[w.person as usize] = true;
            }
        }
        let mut people: Vec<u32> = (0..self.ids.len() as u32).filter(|&p| marked[p as usize]).collect();
        if !rest.is_empty() {
            let starts =
                |w: &str, (t, bare): &(&str, Option<&str>)| w.starts_with(t) || bare.is_some_and(|b| w.starts_with(b));
            people.retain(|&p| rest.iter().all(|t| self.keys[p as usize].split(' ').any(|w| starts(w, t))));
        }
        people
    }

    fn word(&self, w: WordRef) -> &str {
        &self.keys[w.person as usize][w.start as usize..(w.start + w.len) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(people: &[&str]) -> (SearchIndex, Vec<Id>) {
        let ids: Vec<Id> = people.iter().map(|_| Id::new()).collect();
        let rows = ids.iter().zip(people).map(|(id, text)| (id.clone(), fold(text))).collect();
        (SearchIndex::new(rows), ids)
    }

    /// Searches `query` among `people` and compares the positions of the hits.
    fn check(people: &[&str], query: &str, expected: &[usize]) {
        let (index, ids) = index(people);
        let hits = index.search(query, 100);
        let got: Vec<usize> = hits.ids.iter().map(|h| ids.iter().position(|i| i == h).unwrap()).collect();
        assert_eq!(got, expected, "query {query:?}");
        assert_eq!(hits.total, expected.len());
    }

    #[test]
    fn matches_are_the_shorter_list() {
        let (index, ids) = index(PEOPLE);
        // Two of five: those matched.
        assert_eq!(index.matches("yusuf"), Matches::Only(vec![ids[0].clone(), ids[3].clone()]));
        // Three of five (Amina, Álvarez and Affairs, Amin): the two left out.
        assert_eq!(index.matches("a"), Matches::AllBut(vec![ids[2].clone(), ids[4].clone()]));
        assert_eq!(index.matches("zzz"), Matches::Only(vec![]));
    }

    const PEOPLE: &[&str] = &[
        "Amina Yusuf أمينة يوسف UNOCT amina.yusuf@un.org 7K3M9Q2XHP",
        "José Álvarez Ministry of Foreign Affairs jose@mfa.es",
        "فاطمة الزهراء وزارة الخارجية",
        "Yusuf Amin Qatar Foundation",
        "Zoë van der Berg",
    ];

    /// Like `check`, with the keys made as the store makes them (`Keys::of`).
    fn check_keys(people: &[(&str, &str)], query: &str, expected: &[usize]) {
        let ids: Vec<Id> = people.iter().map(|_| Id::new()).collect();
        let rows = ids
            .iter()
            .zip(people)
            .map(|(id, (en, ar))| {
                let p = crate::participants::model::Participant::sample(
                    crate::bilingual::Bilingual::new(*en, *ar),
                    crate::bilingual::Bilingual::default(),
                    None,
                    "",
                );
                (id.clone(), crate::participants::model::normalise::Keys::of(&p).search)
            })
            .collect();
        let hits = SearchIndex::new(rows).search(query, 100);
        let got: Vec<usize> = hits.ids.iter().map(|h| ids.iter().position(|i| i == h).unwrap()).collect();
        assert_eq!(got, expected, "query {query:?}");
    }

    #[test]
    fn arabic_words_match_with_or_without_the_article() {
        let people = [
            ("Sara Al-Otaibi", "سارة العتيبي"),
            ("Omar Tarabulsi", "عمر الطرابلسي"),
            ("Huda Otaibi", "هدى عتيبي"),
            ("Abdullah Rashid", "عبد الله راشد"),
        ];
        check_keys(&people, "عتيبي", &[0, 2]);
        check_keys(&people, "العتيبي", &[0, 2]);
        check_keys(&people, "طرابلسي", &[1]);
        check_keys(&people, "الطرابلسي", &[1]);
        check_keys(&people, "Otaibi", &[0, 2]);
        check_keys(&people, "الله", &[3]);
        check_keys(&people, "سارة عتي", &[0]);
    }

    #[test]
    fn prefixes_of_words_in_any_order() {
        check(PEOPLE, "a", &[0, 1, 3]);
        check(PEOPLE, "am", &[0, 3]);
        check(PEOPLE, "amina", &[0]);
        check(PEOPLE, "yu am", &[0, 3]);
        check(PEOPLE, "yusuf amina", &[0]);
        check(PEOPLE, "Amina Yusuf", &[0]);
        check(PEOPLE, "jose alv", &[1]);
        check(PEOPLE, "ÁLVAREZ", &[1]);
        check(PEOPLE, "zoe", &[4]);
        check(PEOPLE, "berg", &[4]);
        check(PEOPLE, "xyz", &[]);
        check(PEOPLE, "", &[]);
        check(PEOPLE, "  '- ", &[]);
    }

    #[test]
    fn arabic_variants_match() {
        check(PEOPLE, "امينه", &[0]);
        check(PEOPLE, "أمينة يوسف", &[0]);
        check(PEOPLE, "فاطمه", &[2]);
        check(PEOPLE, "فَاطِمَة", &[2]);
        check(PEOPLE, "الخارجيه", &[2]);
        check(PEOPLE, "وزاره", &[2]);
    }

    #[test]
    fn email_and_badge_code() {
        check(PEOPLE, "amina.yusuf@un.org", &[0]);
        check(PEOPLE, "jose@", &[1]);
        check(PEOPLE, "7k3m9q", &[0]);
    }

    #[test]
    fn limit_keeps_the_total() {
        let (index, ids) = index(&["Ann", "Anna", "Annabel"]);
        let hits = index.search("an", 2);
        assert_eq!(hits.ids, ids[..2]);
        assert_eq!(hits.total, 3);
    }
}
