//! Articles: loading files, decoding them safely, reading their metadata and splitting
//! them into paragraphs and sentences. No terminal code lives here.

mod article;
mod decode;
mod load;
mod parse;
pub mod sentences;

pub use article::{Article, Date, Paragraph, ParagraphKind, Sentence};
pub use decode::{DecodeError, Decoded, decode, sanitize};
pub use load::{Corpus, LoadProblem, load_file};
pub use parse::parse_article;
