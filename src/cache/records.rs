//! What the cache keeps of an article, as bytes: its metadata (small: read for every
//! article at every open) and its text (read when the article is shown or searched).
//!
//! Records are postcard (a stable, byte-order-independent format) behind a CRC-32 of
//! their bytes: a record that does not match its checksum, or does not decode, is
//! treated as missing, never trusted.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::corpus::{
    Article, Date, FileLoad, Format, LoadProblem, Origin, Paragraph, ParagraphKind, Sentence, Text,
    TextHandle,
};
use crate::extract::{Extraction, Figure, FigureKind, FigureValue, Quote};

/// The bytes of `value`, checksummed.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = vec![0; 4];
    // Serialising into a Vec cannot fail for these types (no maps with odd keys).
    bytes = postcard::to_extend(value, bytes).unwrap_or_default();
    let sum = crc32fast::hash(bytes.get(4..).unwrap_or_default());
    if let Some(head) = bytes.get_mut(..4) {
        head.copy_from_slice(&sum.to_le_bytes());
    }
    bytes
}

/// The value in `bytes`, if they are whole and decode.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let (head, body) = bytes.split_at_checked(4)?;
    let sum = u32::from_le_bytes(head.try_into().ok()?);
    if crc32fast::hash(body) != sum {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// An article's metadata; its path and file come from where it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub title: String,
    pub date: Option<(i32, u8, u8)>,
    pub source: Option<String>,
    pub byline: Vec<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    /// The line of a JSON Lines record.
    pub line: Option<u64>,
    pub format: u8,
    pub url: Option<String>,
    pub feed: Option<String>,
    pub warnings: Vec<String>,
}

impl ArticleRecord {
    pub fn of(article: &Article) -> ArticleRecord {
        ArticleRecord {
            title: article.title.clone(),
            date: article.date.map(|d| (d.year, d.month, d.day)),
            source: article.source.clone(),
            byline: article.byline.clone(),
            language: article.language.clone(),
            tags: article.tags.clone(),
            line: article.origin.line.map(|l| l as u64),
            format: format_code(article.origin.format),
            url: article.origin.url.clone(),
            feed: article.origin.feed.clone(),
            warnings: article.warnings.clone(),
        }
    }

    /// The article this record describes, found in `file`, with `text` for its text. Its
    /// story fingerprint is worked out again: it is seeded afresh in every process (see
    /// `corpus::dedup`), so one kept from another would match nothing.
    pub fn article(self, file: &Path, text: Text) -> Option<Article> {
        self.article_in(file, TextHandle::new(text))
    }

    /// [`ArticleRecord::article`] with its text already in a handle.
    pub fn article_in(self, file: &Path, text: TextHandle) -> Option<Article> {
        let line = self.line.map(usize::try_from).transpose().ok()?;
        let origin = Origin {
            file: file.to_path_buf(),
            line,
            format: format_of_code(self.format)?,
            url: self.url,
            feed: self.feed,
            duplicates: Vec::new(),
        };
        let path = origin.identity();
        let date = match self.date {
            Some((year, month, day)) => Some(Date::new(year, month, day)?),
            None => None,
        };
        let (body, paragraphs, sentences) = text.parts();
        Some(Article {
            path,
            title: self.title,
            date,
            source: self.source,
            byline: self.byline,
            language: self.language,
            tags: self.tags,
            origin,
            body,
            paragraphs,
            sentences,
            warnings: self.warnings,
        })
    }
}

fn format_code(format: Format) -> u8 {
    match format {
        Format::Text => 0,
        Format::Markdown => 1,
        Format::Html => 2,
        Format::JsonLines => 3,
    }
}

fn format_of_code(code: u8) -> Option<Format> {
    Some(match code {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Html,
        3 => Format::JsonLines,
        _ => return None,
    })
}

/// An article's text: ranges as numbers (postcard writes them in a few bytes each).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRecord {
    pub body: String,
    pub paragraphs: Vec<(u64, u64, u8)>,
    pub sentences: Vec<(u64, u64, u64)>,
}

impl TextRecord {
    pub fn of(text: &TextHandle) -> TextRecord {
        TextRecord {
            body: text.body().to_string(),
            paragraphs: text
                .paragraphs()
                .iter()
                .map(|p| (p.range.start as u64, p.range.end as u64, kind_code(p.kind)))
                .collect(),
            sentences: text
                .sentences()
                .iter()
                .map(|s| (s.range.start as u64, s.range.end as u64, s.paragraph as u64))
                .collect(),
        }
    }

    /// The text, if every range is a range of the body on char boundaries and every
    /// sentence names a paragraph (a record that decodes may still not make sense).
    pub fn text(self) -> Option<Text> {
        let body = self.body;
        let range = |start: u64, end: u64| {
            let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
            (start <= end && body.get(start..end).is_some()).then_some(start..end)
        };
        let paragraphs = self
            .paragraphs
            .iter()
            .map(|&(start, end, kind)| {
                Some(Paragraph {
                    range: range(start, end)?,
                    kind: kind_of_code(kind)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let sentences = self
            .sentences
            .iter()
            .map(|&(start, end, paragraph)| {
                let paragraph = usize::try_from(paragraph).ok()?;
                (paragraph < paragraphs.len()).then_some(())?;
                Some(Sentence {
                    range: range(start, end)?,
                    paragraph,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Text {
            body,
            paragraphs,
            sentences,
        })
    }
}

/// Paragraphs and sentences from their numbers, if every kind is known (whether each
/// range fits the body is for the caller to check). Each list is made at its size: kept
/// for as long as the article, it should not carry the spare room of a grown one.
pub(super) fn ranges(
    paragraphs: &[(u64, u64, u8)],
    sentences: &[(u64, u64, u64)],
) -> Option<(Vec<Paragraph>, Vec<Sentence>)> {
    let number = |n: u64| usize::try_from(n).ok();
    let mut made = Vec::with_capacity(paragraphs.len());
    for &(start, end, kind) in paragraphs {
        made.push(Paragraph {
            range: number(start)?..number(end)?,
            kind: kind_of_code(kind)?,
        });
    }
    let mut sentences_made = Vec::with_capacity(sentences.len());
    for &(start, end, paragraph) in sentences {
        sentences_made.push(Sentence {
            range: number(start)?..number(end)?,
            paragraph: number(paragraph)?,
        });
    }
    Some((made, sentences_made))
}

fn kind_code(kind: ParagraphKind) -> u8 {
    match kind {
        ParagraphKind::Section => 0,
        ParagraphKind::Banner => 1,
        ParagraphKind::Headline => 2,
        ParagraphKind::Standfirst => 3,
        ParagraphKind::Caption => 4,
        ParagraphKind::Boilerplate => 5,
        ParagraphKind::Body => 6,
    }
}

fn kind_of_code(code: u8) -> Option<ParagraphKind> {
    Some(match code {
        0 => ParagraphKind::Section,
        1 => ParagraphKind::Banner,
        2 => ParagraphKind::Headline,
        3 => ParagraphKind::Standfirst,
        4 => ParagraphKind::Caption,
        5 => ParagraphKind::Boilerplate,
        6 => ParagraphKind::Body,
        _ => return None,
    })
}

/// One part of what reading a file gave ([`FileLoad`]): its articles with their texts,
/// and its problems' reasons (every problem of a file names that file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartRecord {
    pub articles: Vec<(ArticleRecord, TextRecord)>,
    pub problems: Vec<String>,
}

impl PartRecord {
    pub fn of(loaded: &FileLoad) -> PartRecord {
        PartRecord {
            articles: loaded
                .articles
                .iter()
                .map(|a| (ArticleRecord::of(a), TextRecord::of(a.text())))
                .collect(),
            problems: loaded.problems.iter().map(|p| p.reason.clone()).collect(),
        }
    }

    /// What `file` gave, if every article makes sense.
    pub fn file_load(self, file: &Path) -> Option<FileLoad> {
        let articles = self
            .articles
            .into_iter()
            .map(|(article, text)| article.article(file, text.text()?))
            .collect::<Option<Vec<_>>>()?;
        let problems = self
            .problems
            .into_iter()
            .map(|reason| LoadProblem {
                path: file.to_path_buf(),
                reason,
            })
            .collect();
        Some(FileLoad { articles, problems })
    }
}

/// What extraction reads of an article (its text and its date, for years), hashed: the
/// key of its extraction, whatever file the article came from. The text's part is
/// [`text_key`], worked out once per text (or kept in the corpus snapshot with it).
pub fn extraction_key(article: &Article) -> [u8; 16] {
    use std::hash::{Hash, Hasher};
    let text = article.text().key(|text| {
        text_key(
            text.body(),
            text.paragraphs()
                .iter()
                .map(|p| (p.range.start, p.range.end, kind_code(p.kind))),
            text.sentences()
                .iter()
                .map(|s| (s.range.start, s.range.end, s.paragraph)),
        )
    });
    key_of([0x6c65_6465_0000_0001, 0x6c65_6465_0000_0002], |hasher| {
        hasher.write(&text);
        article.date.map(|d| (d.year, d.month, d.day)).hash(hasher);
    })
}

/// A hash of a text: its body, its paragraphs (start, end, kind code) and sentences
/// (start, end, paragraph).
pub(super) fn text_key(
    body: &str,
    paragraphs: impl Iterator<Item = (usize, usize, u8)> + Clone,
    sentences: impl Iterator<Item = (usize, usize, usize)> + Clone,
) -> [u8; 16] {
    use std::hash::{Hash, Hasher};
    key_of([0x6c65_6465_0000_0003, 0x6c65_6465_0000_0004], |hasher| {
        hasher.write(body.as_bytes());
        for p in paragraphs.clone() {
            p.hash(hasher);
        }
        for s in sentences.clone() {
            s.hash(hasher);
        }
    })
}

/// A 128-bit key: what `feed` writes, hashed by two fixed-seed hashers.
pub(super) fn key_of(seeds: [u64; 2], feed: impl Fn(&mut foldhash::fast::FoldHasher)) -> [u8; 16] {
    use std::hash::{BuildHasher, Hasher};
    let mut key = [0; 16];
    for (half, seed) in key.chunks_exact_mut(8).zip(seeds) {
        let mut hasher = foldhash::fast::FixedState::with_seed(seed).build_hasher();
        feed(&mut hasher);
        half.copy_from_slice(&hasher.finish().to_le_bytes());
    }
    key
}

impl TextRecord {
    /// [`text_key`] of this text as kept (numbers as [`TextRecord::of`] gives them).
    pub(super) fn key(&self) -> [u8; 16] {
        let number = |n: u64| n as usize;
        text_key(
            &self.body,
            self.paragraphs
                .iter()
                .map(|&(s, e, k)| (number(s), number(e), k)),
            self.sentences
                .iter()
                .map(|&(s, e, p)| (number(s), number(e), number(p))),
        )
    }
}

/// An article's quotes and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractionRecord {
    /// Text, speaker, fragment, start, end.
    pub quotes: Vec<(String, Option<String>, bool, u64, u64)>,
    pub figures: Vec<FigureRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRecord {
    pub text: String,
    pub kind: u8,
    pub value: ValueRecord,
    pub qualifier: Option<String>,
    pub unit: Option<String>,
    pub start: u64,
    pub end: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ValueRecord {
    Number(f64),
    Date(String),
    Range(f64, f64),
    Score(String),
}

impl ExtractionRecord {
    pub fn of(extraction: &Extraction) -> ExtractionRecord {
        ExtractionRecord {
            quotes: extraction
                .quotes
                .iter()
                .map(|q| {
                    let (start, end) = (q.range.start as u64, q.range.end as u64);
                    (q.text.clone(), q.speaker.clone(), q.fragment, start, end)
                })
                .collect(),
            figures: extraction
                .figures
                .iter()
                .map(|f| FigureRecord {
                    text: f.text.clone(),
                    kind: figure_kind_code(f.kind),
                    value: match &f.value {
                        FigureValue::Number(n) => ValueRecord::Number(*n),
                        FigureValue::Date(d) => ValueRecord::Date(d.clone()),
                        FigureValue::Range(low, high) => ValueRecord::Range(*low, *high),
                        FigureValue::Score(s) => ValueRecord::Score(s.clone()),
                    },
                    qualifier: f.qualifier.clone(),
                    unit: f.unit.clone(),
                    start: f.range.start as u64,
                    end: f.range.end as u64,
                })
                .collect(),
        }
    }

    /// The extraction, if every range is a range of `body` on char boundaries.
    pub fn extraction(self, body: &str) -> Option<Extraction> {
        let range = |start: u64, end: u64| {
            let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
            (start <= end && body.get(start..end).is_some()).then_some(start..end)
        };
        let quotes = self
            .quotes
            .into_iter()
            .map(|(text, speaker, fragment, start, end)| {
                Some(Quote {
                    text,
                    speaker,
                    fragment,
                    range: range(start, end)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let figures = self
            .figures
            .into_iter()
            .map(|f| {
                Some(Figure {
                    text: f.text,
                    kind: figure_kind_of_code(f.kind)?,
                    value: match f.value {
                        ValueRecord::Number(n) => FigureValue::Number(n),
                        ValueRecord::Date(d) => FigureValue::Date(d),
                        ValueRecord::Range(low, high) => FigureValue::Range(low, high),
                        ValueRecord::Score(s) => FigureValue::Score(s),
                    },
                    qualifier: f.qualifier,
                    unit: f.unit,
                    range: range(f.start, f.end)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Extraction { quotes, figures })
    }
}

fn figure_kind_code(kind: FigureKind) -> u8 {
    match kind {
        FigureKind::Count => 0,
        FigureKind::Percent => 1,
        FigureKind::Money => 2,
        FigureKind::Date => 3,
        FigureKind::Year => 4,
        FigureKind::Duration => 5,
        FigureKind::Ordinal => 6,
        FigureKind::Approximate => 7,
        FigureKind::Measure => 8,
        FigureKind::Score => 9,
    }
}

fn figure_kind_of_code(code: u8) -> Option<FigureKind> {
    Some(match code {
        0 => FigureKind::Count,
        1 => FigureKind::Percent,
        2 => FigureKind::Money,
        3 => FigureKind::Date,
        4 => FigureKind::Year,
        5 => FigureKind::Duration,
        6 => FigureKind::Ordinal,
        7 => FigureKind::Approximate,
        8 => FigureKind::Measure,
        9 => FigureKind::Score,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn an_article_comes_back_as_it_went_in() {
        for article in Corpus::seeds().articles {
            let record = decode::<ArticleRecord>(&encode(&ArticleRecord::of(&article))).unwrap();
            let text = decode::<TextRecord>(&encode(&TextRecord::of(article.text())))
                .and_then(TextRecord::text)
                .unwrap();
            assert_eq!(text, article.text().to_text());
            let back = record.article(&article.origin.file, text).unwrap();
            assert_eq!(format!("{back:?}"), format!("{article:?}"));
            assert_eq!(back.text().fingerprint(), article.text().fingerprint());
        }
    }

    #[test]
    fn damaged_records_are_refused() {
        let article = &Corpus::seeds().articles[0];
        let good = encode(&TextRecord::of(article.text()));
        assert!(decode::<TextRecord>(&good).is_some());
        for cut in [0, 3, 4, good.len() / 2, good.len() - 1] {
            assert!(decode::<TextRecord>(&good[..cut]).is_none(), "cut at {cut}");
        }
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x20;
        assert!(decode::<TextRecord>(&flipped).is_none());
    }

    #[test]
    fn a_text_whose_ranges_do_not_fit_its_body_is_refused() {
        let text = |paragraphs, sentences| TextRecord {
            body: "Año nuevo.".to_string(),
            paragraphs,
            sentences,
        };
        assert!(text(vec![(0, 11, 6)], vec![(0, 11, 0)]).text().is_some());
        assert!(
            text(vec![(0, 12, 6)], vec![]).text().is_none(),
            "past the end"
        );
        assert!(
            text(vec![(0, 2, 6)], vec![]).text().is_none(),
            "inside a char"
        );
        assert!(text(vec![(5, 2, 6)], vec![]).text().is_none(), "backwards");
        assert!(
            text(vec![(0, 11, 9)], vec![]).text().is_none(),
            "no such kind"
        );
        assert!(
            text(vec![(0, 11, 6)], vec![(0, 3, 1)]).text().is_none(),
            "no paragraph 1"
        );
    }

    /// The bytes of a fixed record: when this fails, the cached format changed, and
    /// `FORMAT` in `cache/mod.rs` must be raised with the expected bytes here (a build of
    /// other code does not read this one's cache anyway: see `build.rs`).
    #[test]
    fn the_record_format_is_the_one_the_format_version_names() {
        let record = TextRecord {
            body: "Hi.".to_string(),
            paragraphs: vec![(0, 3, 6)],
            sentences: vec![(0, 3, 0)],
        };
        let bytes = encode(&record);
        assert_eq!(&bytes[4..], &[3, b'H', b'i', b'.', 1, 0, 3, 6, 1, 0, 3, 0]);
        assert_eq!(super::super::FORMAT, 2);
    }
}
