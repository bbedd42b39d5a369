//! The parser and the completeness check on arbitrary text: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ormsh::syntax::completeness(text);
        let _ = ormsh::syntax::parse_chunk(text);
        for (_, chunk) in ormsh::app::split_chunks(text) {
            let _ = ormsh::syntax::parse_chunk(&chunk);
        }
    }
});
