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
//! Two apostrophes (`''…''`, as some news archives write double marks) are deliberately
//! not read as quotation marks: annotated news corpora do not count them as quotes.
//!
//! The body is lowered once per article (`words::lowercase_aligned`, byte ranges kept) and
//! both passes read their words' lower case from it.

mod attribution;
pub mod figures;
mod given_names;
mod lexicon;
mod marks;
mod numbers;
mod phrase;
pub mod quotes;
mod speakers;
mod units;
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
    let low = words::lowercase_aligned(&article.body);
    let mut found = Extraction {
        quotes: quotes::quotes_lowered(article, &low),
        figures: figures::figures_lowered(article, &low),
    };
    // Fields shown on one line are one line, whatever rule took them from the text (a
    // hard-wrapped paragraph holds line breaks).
    let one_line = |field: &mut Option<String>| {
        if let Some(text) = field.as_mut().filter(|t| t.contains(char::is_whitespace)) {
            *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    };
    for quote in &mut found.quotes {
        one_line(&mut quote.speaker);
    }
    for figure in &mut found.figures {
        one_line(&mut figure.qualifier);
        one_line(&mut figure.unit);
    }
    found
}
