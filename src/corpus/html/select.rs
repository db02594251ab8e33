//! Which text blocks are the article, readability-style: paragraphs score the containers
//! they sit in (their own fully, the one above by half, the next by a sixth); the best
//! container, less its links, is the story, with siblings that score nearly as well
//! (stories split by an ad). Inside the story, furniture (share bars, captions, the
//! details line, related links) is left out; around it, it does not matter.

use super::walk::{Block, BlockKind, Node, Page, Role};

/// Shorter blocks do not vote (buttons, labels, datelines).
const MIN_SCORING_CHARS: usize = 25;
/// A sibling joins the story when it scores at least this share of the best container.
const SIBLING_SHARE: f64 = 0.2;
/// A block that is mostly link text is a list of links, not prose.
const MAX_LINK_SHARE: f64 = 0.5;
/// A class weight of 25 (`article-body`, `comments`) makes a container's score half as
/// big again or half as small: it tips close calls without outvoting the paragraphs.
const WEIGHT_SCALE: f64 = 50.0;
/// A story found in this many parts is taken whole: the container around them all.
const WHOLE_STORY_PARTS: usize = 3;
/// Shortest paragraph taken from above the story's container as its lead.
const LEAD_MIN_CHARS: usize = 80;
/// Loose text of at most this many words is a label unless it ends a sentence.
const LABEL_MAX_WORDS: usize = 2;
/// How many containers above the best one the other parts of a story are looked for
/// (layouts wrap a story's parts in a few levels of grid and column elements).
const STORY_SPREAD: usize = 5;
/// How many containers above a paragraph it votes for, and with what share of its score.
const VOTE_SHARES: [f64; 3] = [1.0, 0.5, 1.0 / 6.0];
/// Most elements walked up from one paragraph looking for containers to vote for.
const MAX_CLIMB: usize = 32;

/// The article's blocks, in document order.
pub fn article_blocks(page: &Page) -> Vec<&Block> {
    let nodes = &page.nodes;
    let mut scores = vec![0.0; nodes.len()];
    let mut voted = vec![false; nodes.len()];
    let mut text_bytes = vec![0usize; nodes.len()];
    let mut link_bytes = vec![0usize; nodes.len()];
    // Blocks in each element and those inside it: a `div` holding one block of text is
    // that paragraph, not a container of paragraphs.
    let mut blocks_in = vec![0usize; nodes.len()];
    for block in &page.blocks {
        if let Some(count) = blocks_in.get_mut(block.node) {
            *count += 1;
        }
    }
    for i in (0..nodes.len()).rev() {
        if let Some(parent) = nodes[i].parent {
            blocks_in[parent] += blocks_in[i];
        }
    }
    for block in &page.blocks {
        if block.node >= nodes.len() {
            continue;
        }
        text_bytes[block.node] += block.text.len();
        link_bytes[block.node] += block.link_bytes;
        let chars = block.text.chars().count();
        let prose = matches!(
            block.kind,
            BlockKind::Paragraph
                | BlockKind::Loose
                | BlockKind::Quote
                | BlockKind::Cell
                | BlockKind::Code
        );
        if !prose || chars < MIN_SCORING_CHARS || mostly_links(block) {
            continue;
        }
        let commas = block.text.matches([',', '，', '、']).count();
        let score = 1.0 + commas as f64 + (chars / 100).min(3) as f64;
        // Comments and asides do not vote for any container at or above them.
        let mark = nodes[block.node].silenced;
        let voters = std::iter::successors(Some(block.node), |&i| nodes[i].parent)
            .take(MAX_CLIMB)
            .take_while(|&i| Some(i) != mark)
            .filter(|&i| nodes[i].container)
            .skip_while(|&c| blocks_in[c] == 1);
        for (container, share) in voters.zip(VOTE_SHARES) {
            scores[container] += score * share;
            voted[container] = true;
        }
    }
    // Text and links of each element include those of the elements inside it (children
    // come after their parents, so one backward pass adds them up).
    for i in (0..nodes.len()).rev() {
        if let Some(parent) = nodes[i].parent {
            text_bytes[parent] += text_bytes[i];
            link_bytes[parent] += link_bytes[i];
        }
    }
    let final_score = |i: usize| {
        let density = if text_bytes[i] == 0 {
            0.0
        } else {
            link_bytes[i] as f64 / text_bytes[i] as f64
        };
        let weight = 1.0 + f64::from(nodes[i].weight) / WEIGHT_SCALE;
        scores[i] * weight * (1.0 - density.min(1.0))
    };
    let best = (0..nodes.len())
        .filter(|&i| voted[i])
        .max_by(|&a, &b| final_score(a).total_cmp(&final_score(b)));
    let Some(best) = best else {
        // No prose anywhere: keep whatever text the page has.
        return page.blocks.iter().filter(|b| !mostly_links(b)).collect();
    };
    // Stories split by an ad or a pull quote: other containers near the best one (under
    // the same container up to STORY_SPREAD levels above it) that score nearly as well.
    let threshold = (final_score(best) * SIBLING_SHARE).max(10.0);
    let above: Vec<usize> = containers_above(nodes, best).skip(1).collect();
    let spread = above.len().min(STORY_SPREAD);
    let reach = above.get(spread.wrapping_sub(1)).copied();
    let chosen: Vec<usize> = (0..nodes.len())
        .filter(|&i| {
            i == best
                || (reach.is_some_and(|r| contains(&nodes[r], &nodes[i]))
                    && nodes[i].container
                    && voted[i]
                    && nodes[i].role == Role::Plain
                    && !contains(&nodes[i], &nodes[best])
                    && !contains(&nodes[best], &nodes[i])
                    && final_score(i) >= threshold)
        })
        .collect();
    // A story in many parts (readability's "top candidates sharing an ancestor"): the
    // container holding them all is the story, with what lies between the parts.
    let parts = chosen
        .iter()
        .filter(|&&i| {
            !chosen
                .iter()
                .any(|&j| j != i && contains(&nodes[j], &nodes[i]))
        })
        .count();
    let whole = above
        .iter()
        .find(|&&a| chosen.iter().all(|&c| contains(&nodes[a], &nodes[c])));
    let chosen = match whole {
        Some(&whole) if parts >= WHOLE_STORY_PARTS => vec![whole],
        _ => chosen,
    };
    page.blocks
        .iter()
        .filter(|block| {
            let Some(node) = nodes.get(block.node) else {
                return false;
            };
            let inside = chosen.iter().find(|&&c| contains(&nodes[c], node));
            let kept = match inside {
                Some(&story) => !furniture_between(nodes, block.node, story),
                // Paragraphs straight in the containers around the story's parts (a
                // standfirst above them, a line between two parts), as readability
                // takes a story's sibling paragraphs.
                None => {
                    // A `div` holding only this paragraph stands for it.
                    let home = std::iter::successors(Some(block.node), |&i| nodes[i].parent)
                        .take(MAX_CLIMB)
                        .find(|&i| blocks_in[i] > 1);
                    let beside = home.is_some_and(|home| above[..spread].contains(&home))
                        && matches!(block.kind, BlockKind::Paragraph | BlockKind::Loose)
                        && !furniture_between(nodes, block.node, above[spread - 1])
                        && sibling_paragraph(block);
                    // A standfirst: a paragraph above the story in the same parent.
                    let lead = above.first().is_some_and(|&parent| {
                        contains(&nodes[parent], node)
                            && node.opened < nodes[best].opened
                            && !furniture_between(nodes, block.node, parent)
                            && block.kind == BlockKind::Paragraph
                            && block.text.chars().count() >= LEAD_MIN_CHARS
                    });
                    beside || lead
                }
            };
            kept && !mostly_links(block) && !dateline(block) && !label(block)
        })
        .collect()
}

/// The containers at and above node `from`, innermost first.
fn containers_above(nodes: &[Node], from: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(Some(from), |&i| nodes.get(i).and_then(|n| n.parent))
        .take(MAX_CLIMB)
        .filter(|&i| nodes.get(i).is_some_and(|n| n.container))
}

/// Whether an element between `node` and the story's container `story` (not the story
/// itself) is furniture, the details line or the byline.
fn furniture_between(nodes: &[Node], node: usize, story: usize) -> bool {
    nodes[node]
        .marked
        .is_some_and(|m| m != story && contains(&nodes[story], &nodes[m]))
}

fn contains(outer: &Node, inner: &Node) -> bool {
    outer.opened <= inner.opened && inner.closed <= outer.closed
}

/// A short block that is mostly a `<time>`: "Posted on 9 March 2021".
fn dateline(block: &Block) -> bool {
    block.time_bytes * 2 > block.text.len() && block.text.chars().count() < 80
}

/// A paragraph beside the story's containers that reads as part of it: long and not
/// mostly links, or a short sentence without links.
fn sibling_paragraph(block: &Block) -> bool {
    let chars = block.text.chars().count();
    (chars >= LEAD_MIN_CHARS && (block.link_bytes as f64) < block.text.len() as f64 * 0.25)
        || (block.link_bytes == 0 && block.text.ends_with(['.', '!', '?', '"', '”']))
}

/// A word or two loose in the page, not a sentence or a heading: a button or a label
/// ("Caption", "Close", "Advertisement", "Comments").
fn label(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Loose)
        && block.text.split_whitespace().nth(LABEL_MAX_WORDS).is_none()
        && !block.text.ends_with(['.', '!', '?', '…', ':', '"', '”'])
}

fn mostly_links(block: &Block) -> bool {
    block.link_bytes as f64 > block.text.len() as f64 * MAX_LINK_SHARE
}
