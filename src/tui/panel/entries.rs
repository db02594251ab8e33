//! The side panel's entries for the open article: its highlights, the quotes extraction
//! found grouped under their speakers, the figures with what they count, and an outline
//! of its paragraphs. Each entry points at a passage the reader can jump to.

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
    /// The passage, white space folded (a quote's words, a figure, a highlight's text,
    /// a paragraph's opening words).
    pub text: String,
    /// The speaker a quote is listed under ("(unattributed)" when unknown).
    pub speaker: Option<String>,
    /// A highlight's id, tags and note.
    pub id: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub colour: Option<u8>,
    /// The words around a figure.
    pub context: Option<String>,
    pub target: Range<usize>,
}

impl PanelEntry {
    fn new(kind: EntryKind, text: String, target: Range<usize>) -> PanelEntry {
        PanelEntry {
            kind,
            text,
            speaker: None,
            id: None,
            tags: Vec::new(),
            note: None,
            colour: None,
            context: None,
            target,
        }
    }
}

/// Folds white space, so hard-wrapped text reads as one line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Entries in the order shown: highlights, quotes by speaker, figures, outline.
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
            let mut entry = PanelEntry::new(EntryKind::Highlight, one_line(text), range);
            entry.id = Some(m.id.clone());
            entry.tags = m.tags.clone();
            entry.note = m.note.clone();
            entry.colour = m.colour;
            Some(entry)
        })
        .collect();
    if let Some(extraction) = extraction {
        entries.extend(quotes_by_speaker(extraction));
        entries.extend(extraction.figures.iter().map(|f| {
            let mut entry = PanelEntry::new(EntryKind::Figure, one_line(&f.text), f.range.clone());
            entry.context = Some(context(&article.body, f.range.clone()));
            entry
        }));
    }
    entries.extend(outline(article));
    entries
}

/// Quotes grouped under their speakers: speakers in the order they are first quoted,
/// each one's quotes in article order.
fn quotes_by_speaker(extraction: &Extraction) -> Vec<PanelEntry> {
    let mut speakers: Vec<&str> = Vec::new();
    for quote in &extraction.quotes {
        let speaker = quote.speaker.as_deref().unwrap_or("(unattributed)");
        if !speakers.contains(&speaker) {
            speakers.push(speaker);
        }
    }
    let mut entries = Vec::new();
    for speaker in speakers {
        for quote in &extraction.quotes {
            if quote.speaker.as_deref().unwrap_or("(unattributed)") != speaker {
                continue;
            }
            let text = if quote.fragment {
                format!("…{}…", one_line(&quote.text))
            } else {
                one_line(&quote.text)
            };
            let mut entry = PanelEntry::new(EntryKind::Quote, text, quote.range.clone());
            entry.speaker = Some(speaker.to_string());
            entries.push(entry);
        }
    }
    entries
}

/// Words around a passage, so a figure says what it counts: "…before ▸ after…".
fn context(body: &str, range: Range<usize>) -> String {
    const WORDS: usize = 8;
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

/// One entry per story paragraph, with its opening words.
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
            PanelEntry::new(EntryKind::Outline, label, p.range.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_grouped_under_speakers_in_the_order_they_speak() {
        let corpus = lede::corpus::Corpus::seeds();
        let article = &corpus.articles[0];
        let extraction = lede::extract::extract(article);
        let entries = entries(article, &[], Some(&extraction));
        let speakers: Vec<&str> = entries
            .iter()
            .filter_map(|e| e.speaker.as_deref())
            .collect();
        // Each speaker's quotes are together.
        let mut seen: Vec<&str> = Vec::new();
        for pair in speakers.windows(2) {
            if pair[0] != pair[1] {
                assert!(!seen.contains(&pair[1]), "{} listed twice", pair[1]);
                seen.push(pair[0]);
            }
        }
        let bakeer: Vec<&PanelEntry> = entries
            .iter()
            .filter(|e| e.speaker.as_deref() == Some("Ali Bakeer"))
            .collect();
        assert_eq!(bakeer.len(), 4);
        assert!(
            bakeer
                .windows(2)
                .all(|w| w[0].target.start < w[1].target.start)
        );
        let figure = entries
            .iter()
            .find(|e| e.kind == EntryKind::Figure)
            .unwrap();
        assert_eq!(figure.text, "more than 33 Turkish soldiers");
        assert!(
            figure
                .context
                .as_deref()
                .unwrap()
                .contains("killing of ▸ , the")
        );
    }
}
