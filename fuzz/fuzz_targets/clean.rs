//! The cleaner on any text, with and without metadata hints.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_text::clean::{clean, Hints};

fuzz_target!(|text: &str| {
    let none = Hints {
        title: None,
        author: None,
    };
    clean(text, &none, &[]);
    let first = text.lines().next();
    let hints = Hints {
        title: first,
        author: Some("Staff"),
    };
    clean(text, &hints, &["TASS", "Reuters"]);
});
