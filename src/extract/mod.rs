//! Extraction: the direct quotes of an article with their speakers, and the figures it
//! gives. Pure functions over an [`Article`]; no terminal code, no regular expressions
//! compiled per article.

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

/// Extracts the quotes and figures of `article`.
pub fn extract(article: &Article) -> Extraction {
    Extraction {
        quotes: quotes(article),
        figures: figures(article),
    }
}
