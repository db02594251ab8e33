#![no_main]
//! Fuzz target `search_query`: see `tests/fuzz_checks/mod.rs` for what is checked.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::search_query(data));
