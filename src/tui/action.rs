//! Everything a key can do, by name. Users bind these names in `keymap.toml`.

use std::fmt;
use std::str::FromStr;

macro_rules! actions {
    ($($variant:ident = $name:literal : $help:literal,)*) => {
        /// A named command. The keymap maps keys to these; `App::update` carries them out.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The snake_case name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// A few words for the help overlay and the status-line hints.
            pub fn help(self) -> &'static str {
                match self {
                    $(Action::$variant => $help,)*
                }
            }
        }

        impl FromStr for Action {
            type Err = String;

            fn from_str(name: &str) -> Result<Self, String> {
                match name {
                    $($name => Ok(Action::$variant),)*
                    _ => Err(format!("unknown action \"{name}\"")),
                }
            }
        }
    };
}

actions! {
    Quit = "quit": "quit",
    Help = "help": "help",
    Close = "close": "close",
    FocusNext = "focus_next": "next pane",
    FocusPrev = "focus_prev": "previous pane",
    FocusLeft = "focus_left": "pane left",
    FocusRight = "focus_right": "pane right",
    FocusPanel = "focus_panel": "the side panel (and back)",
    GrowPane = "grow_pane": "widen the pane",
    ShrinkPane = "shrink_pane": "narrow the pane",
    ZoomPane = "zoom_pane": "the pane alone, full width (and back)",
    PrevArticle = "prev_article": "previous article",
    NextArticle = "next_article": "next article",
    Down = "down": "down",
    Up = "up": "up",
    Top = "top": "top",
    Bottom = "bottom": "bottom",
    HalfPageDown = "half_page_down": "half page down",
    HalfPageUp = "half_page_up": "half page up",
    PageDown = "page_down": "page down",
    PageUp = "page_up": "page up",
    Open = "open": "open",
    CycleSort = "cycle_sort": "sort",
    Select = "select": "start/stop selecting",
    Cancel = "cancel": "cancel",
    WordForward = "word_forward": "next word",
    WordBackward = "word_backward": "previous word",
    WordEnd = "word_end": "end of word",
    SentenceForward = "sentence_forward": "next sentence",
    SentenceBackward = "sentence_backward": "previous sentence",
    ParagraphForward = "paragraph_forward": "next paragraph",
    ParagraphBackward = "paragraph_backward": "previous paragraph",
    LineStart = "line_start": "start of line",
    LineEnd = "line_end": "end of line",
    LineDown = "line_down": "line down",
    LineUp = "line_up": "line up",
    Inside = "inside": "inside… (s sentence, p paragraph, q quote)",
    InsideSentence = "inside_sentence": "the sentence",
    InsideParagraph = "inside_paragraph": "the paragraph",
    InsideQuote = "inside_quote": "inside the quotation",
    Highlight = "highlight": "highlight (selection, else sentence)",
    EditTags = "edit_tags": "tags of the highlight here",
    EditNote = "edit_note": "note of the highlight here",
    EditNoteExternally = "edit_note_in_editor": "note of the highlight here, in $EDITOR",
    DeleteHighlight = "delete_highlight": "delete the highlight here",
    Colour1 = "colour_1": "highlight colour 1",
    Colour2 = "colour_2": "highlight colour 2",
    Colour3 = "colour_3": "highlight colour 3",
    Colour4 = "colour_4": "highlight colour 4",
    Colour5 = "colour_5": "highlight colour 5",
    Undo = "undo": "undo a highlight change",
    Redo = "redo": "redo",
    ShowHighlights = "show_highlights": "all highlights",
    ShowSpeakers = "show_speakers": "speakers and their quotes",
    Search = "search": "search everything",
    Export = "export": "export highlights",
    NextMatch = "next_match": "next match (or the note of the highlight here)",
    PrevMatch = "prev_match": "previous match",

    ToggleExtracts = "toggle_extracts": "style quotes in the text on/off",

    FilterList = "filter_list": "filter the list (#tag for tags, feed:name for a feed)",
    ClearFilter = "clear_filter": "clear the list filter",
    ToggleRead = "toggle_read": "mark read/unread",
    ShowProblems = "show_problems": "files that could not be read, feeds that failed",
    RefreshFeeds = "refresh_feeds": "fetch new articles from every feed, in the background",
    OpenInBrowser = "open_in_browser": "open the article's web address in the browser (in the list: the selected article's)",
    CopyAddress = "copy_address": "copy the article's web address to the clipboard (OSC 52)",
    PickFeed = "pick_feed": "show one feed's articles (picks a feed for the filter)",

}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &action in Action::ALL {
            assert_eq!(action.name().parse::<Action>(), Ok(action));
        }
        assert!("quitt".parse::<Action>().is_err());
    }
}
