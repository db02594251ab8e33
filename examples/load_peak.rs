//! Loads the files and folders given, as the reader does, and says what it got: for
//! measuring the loader's peak memory on odd files (`/usr/bin/time -v`), e.g. one 50 MB
//! line: `cargo run --release --example load_peak -- big.txt`.

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let corpus = lede::corpus::Corpus::load(&paths);
    let bytes: usize = corpus.articles.iter().map(|a| a.body.len()).sum();
    println!(
        "{} articles, {bytes} bytes of text, {} sentences, {} problems",
        corpus.articles.len(),
        corpus
            .articles
            .iter()
            .map(|a| a.sentences.len())
            .sum::<usize>(),
        corpus.problems.len()
    );
}
