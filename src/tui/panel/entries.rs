//! The side panel's entries for the open article: its highlights, the quotes (with
//! speakers) and figures extraction found, and an outline of its paragraphs. Each entry
//! points at a passage the reader can jump to.

use std::ops::Range;

use lede::corpus::{Article, ParagraphKind};
use lede::extract::Extraction;

use crate::tui::notes::Mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Highlight,
    Quote,
    Figure,
    Outline,
}

/// An entry of the side panel that the reader can jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelEntry {
    pub kind: EntryKind,
    pub label: String,
    pub target: Range<usize>,
}

/// Folds white space, so hard-wrapped text reads as one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Entries in the order shown: highlights, quotes, figures, outline.
pub fn entries(
    article: &Article,
    marks: &[Mark],
    extraction: Option<&Extraction>,
) -> Vec<PanelEntry> {
    let mut entries: Vec<PanelEntry> = marks
        .iter()
        .filter_map(|m| {
            let range = m.range.clone()?;
            let text = article.body.get(range.clone())?;
            let tags: String = m.tags.iter().map(|t| format!("#{t} ")).collect();
            Some(PanelEntry {
                kind: EntryKind::Highlight,
                label: format!("✎ {tags}{}", one_line(text)),
                target: range,
            })
        })
        .collect();
    if let Some(extraction) = extraction {
        entries.extend(extraction.quotes.iter().map(|q| {
            let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
            let text = if q.fragment {
                format!("…{}…", q.text)
            } else {
                q.text.clone()
            };
            PanelEntry {
                kind: EntryKind::Quote,
                label: format!("{speaker}: “{text}”"),
                target: q.range.clone(),
            }
        }));
    }
    if let Some(extraction) = extraction {
        entries.extend(extraction.figures.iter().map(|f| PanelEntry {
            kind: EntryKind::Figure,
            label: format!("{} · {}", f.text, context(&article.body, f.range.clone())),
            target: f.range.clone(),
        }));
    }
    entries.extend(outline(article));
    entries
}

/// A few words around a passage, so a figure says what it counts.
fn context(body: &str, range: Range<usize>) -> String {
    const WORDS: usize = 4;
    let before: Vec<&str> = body
        .get(..range.start)
        .unwrap_or("")
        .split_whitespace()
        .rev()
        .take(WORDS)
        .collect();
    let after: Vec<&str> = body
        .get(range.end..)
        .unwrap_or("")
        .split_whitespace()
        .take(WORDS)
        .collect();
    let before: Vec<&str> = before.into_iter().rev().collect();
    format!("…{} ▸ {}…", before.join(" "), after.join(" "))
}

/// One entry per story paragraph, labelled with its opening words.
fn outline(article: &Article) -> Vec<PanelEntry> {
    article
        .paragraphs
        .iter()
        .filter(|p| !p.kind.is_boilerplate() && p.kind != ParagraphKind::Section)
        .map(|p| {
            let text = &article.body[p.range.clone()];
            let words: Vec<&str> = text.split_whitespace().take(8).collect();
            let mut label = format!("¶ {}", words.join(" "));
            if text.split_whitespace().count() > words.len() {
                label.push('…');
            }
            PanelEntry {
                kind: EntryKind::Outline,
                label,
                target: p.range.clone(),
            }
        })
        .collect()
}
