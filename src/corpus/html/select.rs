//! Which text blocks are the article, readability-style: paragraphs score the containers
//! they sit in (their own fully, the one above by half); the best container, less its
//! links, is the story, with siblings that score nearly as well (stories split by an ad).

use super::walk::{Block, BlockKind, Container, Page};

/// Shorter blocks do not vote (buttons, labels, datelines).
const MIN_SCORING_CHARS: usize = 25;
/// A sibling joins the story when it scores at least this share of the best container.
const SIBLING_SHARE: f64 = 0.2;
/// A block that is mostly link text is a list of links, not prose.
const MAX_LINK_SHARE: f64 = 0.5;

/// The article's blocks, in document order.
pub fn article_blocks(page: &Page) -> Vec<&Block> {
    let containers = &page.containers;
    let mut scores: Vec<f64> = containers.iter().map(|c| f64::from(c.weight)).collect();
    let mut voted = vec![false; containers.len()];
    let mut text_bytes = vec![0usize; containers.len()];
    let mut link_bytes = vec![0usize; containers.len()];
    for block in &page.blocks {
        let Some(container) = containers.get(block.container) else {
            continue;
        };
        let chars = block.text.chars().count();
        let prose = matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::Loose | BlockKind::Quote
        );
        text_bytes[block.container] += block.text.len();
        link_bytes[block.container] += block.link_bytes;
        if !prose || chars < MIN_SCORING_CHARS {
            continue;
        }
        let commas = block.text.matches([',', '，', '、']).count();
        let score = 1.0 + commas as f64 + (chars / 100).min(3) as f64;
        scores[block.container] += score;
        voted[block.container] = true;
        if let Some(parent) = container.parent {
            scores[parent] += score / 2.0;
            voted[parent] = true;
        }
    }
    let final_score = |i: usize| {
        let density = if text_bytes[i] == 0 {
            0.0
        } else {
            link_bytes[i] as f64 / text_bytes[i] as f64
        };
        scores[i] * (1.0 - density.min(1.0))
    };
    let best = (0..containers.len())
        .filter(|&i| voted[i])
        .max_by(|&a, &b| final_score(a).total_cmp(&final_score(b)));
    let Some(best) = best else {
        // No prose anywhere: keep whatever text the page has.
        return page.blocks.iter().filter(|b| !mostly_links(b)).collect();
    };
    let threshold = (final_score(best) * SIBLING_SHARE).max(10.0);
    let parent = containers[best].parent;
    let chosen: Vec<&Container> = (0..containers.len())
        .filter(|&i| {
            i == best
                || (parent.is_some()
                    && containers[i].parent == parent
                    && voted[i]
                    && final_score(i) >= threshold)
        })
        .map(|i| &containers[i])
        .collect();
    page.blocks
        .iter()
        .filter(|block| {
            let Some(container) = containers.get(block.container) else {
                return false;
            };
            let inside = chosen.iter().any(|c| contains(c, container));
            // A lead paragraph may sit beside the body's container rather than in it.
            let beside = Some(block.container) == parent
                && block.kind == BlockKind::Paragraph
                && block.text.chars().count() >= 80;
            (inside || beside) && !mostly_links(block) && !dateline(block)
        })
        .collect()
}

fn contains(outer: &Container, inner: &Container) -> bool {
    outer.opened <= inner.opened && inner.closed <= outer.closed
}

/// A short block that is mostly a `<time>`: "Posted on 9 March 2021".
fn dateline(block: &Block) -> bool {
    block.time_bytes * 2 > block.text.len() && block.text.chars().count() < 80
}

fn mostly_links(block: &Block) -> bool {
    block.link_bytes as f64 > block.text.len() as f64 * MAX_LINK_SHARE
}
