//! Extraction: the direct quotes of an article with their speakers, and the figures it
//! gives. Pure functions over an [`Article`]; no terminal code, no regular expressions
//! compiled per article.
//!
//! Call [`extract`] (or [`quotes()`] / [`figures()`] alone) from any thread: the results own
//! their strings and are `Send`. Every `range` is a byte range into [`Article::body`], on
//! character boundaries: a quote's range covers its words without the marks, a figure's its
//! whole surface text (qualifier and unit included). [`Quote::speaker`] is already the
//! fullest name the article gives, so grouping quotes by speaker across articles is a
//! string comparison.
//!
//! How the pieces fit: `marks` pairs quotation marks into spans, `attribution` reads the
//! words around each span (`words`, `phrase`, `lexicon`), `speakers` resolves surnames,
//! roles, pronouns and continuations; `figures` and `numbers` read quantities.
//!
//! Besides the marks the issue lists, two apostrophes (`''…''`, as news archives such as
//! the New York Times' write double marks) are read as a double mark.

mod attribution;
pub mod figures;
mod lexicon;
mod marks;
mod numbers;
mod phrase;
pub mod quotes;
mod speakers;
mod words;

use serde::Serialize;

pub use figures::{Figure, FigureKind, FigureValue, figures};
pub use quotes::{Quote, quotes};

use crate::corpus::Article;

/// Everything extracted from one article, in text order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    pub figures: Vec<Figure>,
}

/// Extracts the quotes and figures of `article`, each list in text order.
pub fn extract(article: &Article) -> Extraction {
    Extraction {
        quotes: quotes(article),
        figures: figures(article),
    }
}
