//! The splitter on any text: spans in order, inside the text, on char
//! boundaries, never overlapping.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_text::split;

fuzz_target!(|text: &str| {
    let mut end = 0;
    for s in split::split(text) {
        assert!(s.start >= end && s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        end = s.end;
    }
});
