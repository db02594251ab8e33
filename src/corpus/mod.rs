//! Articles: loading files, decoding them safely, reading their metadata and splitting
//! them into paragraphs and sentences. No terminal code lives here.

mod article;
mod dates;
mod decode;
mod dedup;
pub mod frontmatter;
pub mod html;
pub mod jsonl;
mod jsonl_load;
mod load;
pub mod markdown;
mod parse;
pub mod sentences;
pub mod text;

pub use article::{Article, Date, Format, Origin, Paragraph, ParagraphKind, Sentence, record_path};
pub use dates::parse_loose as parse_date;
pub use decode::{
    DecodeError, Decoded, acts_on_terminal, decode, decode_declared, sanitize, terminal_safe,
};
pub use dedup::{SeenTexts, fingerprint, fingerprinted_parts, in_story, text_fingerprint};
pub use jsonl_load::articles_from_jsonl;
pub use load::{
    Corpus, FileList, FileLoad, LoadProblem, PART_ARTICLES, ReadFile, ReadWhole, Wanted,
    article_from_bytes, bundled_seed_text, format_of, is_stdin, list_files, load_each,
    load_each_folding, load_each_wanted, load_file, load_path, load_path_in_parts,
    open_regular_file,
};
pub use parse::{Metadata, PARAGRAPH_MAX_BYTES, Unparsed, parse_article, parse_with_metadata};
pub use text::{SharedText, Text, TextHandle};
