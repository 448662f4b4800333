//! Properties of the splitter on arbitrary Unicode text.

use proptest::prelude::*;
use stancemap::split::split;

fn check(text: &str) {
    let spans = split(text);
    let mut prev = 0;
    let mut rebuilt = String::new();
    for s in &spans {
        assert!(
            s.start >= prev && s.start < s.end && s.end <= text.len(),
            "bad span {s:?} in {text:?}"
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let gap = &text[prev..s.start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "non-whitespace gap {gap:?} in {text:?}"
        );
        let sent = &text[s.start..s.end];
        assert_eq!(sent, sent.trim(), "untrimmed sentence in {text:?}");
        rebuilt.push_str(gap);
        rebuilt.push_str(sent);
        prev = s.end;
    }
    let tail = &text[prev..];
    assert!(tail.chars().all(char::is_whitespace));
    rebuilt.push_str(tail);
    assert_eq!(rebuilt, text);
    // non-whitespace text always yields at least one sentence
    assert_eq!(spans.is_empty(), text.trim().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn offsets_rebuild_any_unicode(text in "\\PC*") {
        check(&text);
    }

    #[test]
    fn offsets_rebuild_punctuation_heavy_text(text in "[a-zA-Z0-9 .!?…\"'“”‘’()\\[\\]<>•⁃\\-–\n\r\t$%@/:]{0,200}") {
        check(&text);
    }
}

#[test]
fn seeds_rebuild_exactly() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            check(&std::fs::read_to_string(&p).unwrap());
        }
    }
}

/// Found by proptest: a one-character ellipsis right after a word, then a
/// spaced dot ("0… .A"), used to cut inside the '…'.
#[test]
fn ellipsis_character_before_spaced_dots() {
    for text in ["0… .A", "word… . . The end.", "Yes… . .", "a… .\u{2026} B"] {
        check(text);
    }
    assert_eq!(
        stancemap::split::split_str("It ended… . . Then it began."),
        ["It ended…", ". . Then it began."]
    );
}
