//! Articles: loading files, decoding them safely, reading their metadata and splitting
//! them into paragraphs and sentences. No terminal code lives here.

mod article;
mod dates;
mod decode;
mod dedup;
pub mod frontmatter;
pub mod html;
pub mod jsonl;
mod load;
pub mod markdown;
mod parse;
pub mod sentences;

pub use article::{Article, Date, Format, Origin, Paragraph, ParagraphKind, Sentence};
pub use dates::parse_loose as parse_date;
pub use decode::{DecodeError, Decoded, decode, sanitize};
pub use dedup::{SeenTexts, fingerprint};
pub use load::{
    Corpus, FileList, FileLoad, LoadProblem, article_from_bytes, articles_from_jsonl, format_of,
    list_files, load_each, load_file, load_path,
};
pub use parse::{Metadata, parse_article, parse_with_metadata};
