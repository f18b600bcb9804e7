//! Any text through the folding of names and e-mail addresses: never a panic, and a key made
//! only of letters and digits in words separated by single spaces, which folds to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use muntada::participants::normalise::{email_key, fold};

fuzz_target!(|text: &str| {
    let key = fold(text);
    assert!(!key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "), "{text:?} → {key:?}");
    assert_eq!(fold(&key), key, "folding {text:?} twice");
    let _ = email_key(text);
});
