//! Stamps the build with a hash of the code that makes each kind of cached data, so that
//! a cache written by other code is never read as if this code had written it (see
//! `src/cache`). A change anywhere in the sources of a kind (or in the dependencies' lock
//! file, or the compiler) gives it a new stamp.

use std::path::{Path, PathBuf};

/// The sources each kind of cached data depends on, besides `src/cache` itself.
const KINDS: &[(&str, &[&str])] = &[
    ("LEDE_CODE_ARTICLES", &["src/corpus"]),
    ("LEDE_CODE_EXTRACTION", &["src/corpus", "src/extract"]),
    ("LEDE_CODE_INDEX", &["src/corpus", "src/search"]),
];

fn main() {
    let common = {
        let mut hash = Fnv::new();
        hash_tree(Path::new("src/cache"), &mut hash);
        hash_file(Path::new("Cargo.lock"), &mut hash);
        hash.write(compiler_version().as_bytes());
        hash.0
    };
    for (name, dirs) in KINDS {
        let mut hash = Fnv(common);
        for dir in *dirs {
            hash_tree(Path::new(dir), &mut hash);
        }
        println!("cargo:rustc-env={name}={:016x}", hash.0);
    }
    for dir in [
        "src/cache",
        "src/corpus",
        "src/extract",
        "src/search",
        "Cargo.lock",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-env-changed=RUSTC");
}

/// Every file under `dir`, in name order: its path and its bytes.
fn hash_tree(dir: &Path, hash: &mut Fnv) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            hash_tree(&path, hash);
        } else {
            hash_file(&path, hash);
        }
    }
}

fn hash_file(path: &Path, hash: &mut Fnv) {
    hash.write(path.to_string_lossy().as_bytes());
    hash.write(&std::fs::read(path).unwrap_or_default());
}

fn compiler_version() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default()
}

/// 64-bit FNV-1a: stable across builds and platforms (unlike std's hasher).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so that moving bytes between two writes changes the hash.
        self.0 = self.0.rotate_left(5) ^ 0xff;
    }
}
