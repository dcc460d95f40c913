//! Markdown to HTML for one page, and nothing else: shortcodes are expanded, CommonMark with
//! GitHub's extensions is rendered with unique heading ids, callouts, highlighted code and FAQ
//! accordions, and every internal link is rewritten and checked. Pure: text in, HTML and facts
//! (headings, links, words) out; it reads no file and knows no template.

mod highlight;
mod html_text;
mod ids;
mod render;
mod shortcodes;

pub use highlight::{contrast, escape, Highlighter};
pub use ids::{nearest_id, UniqueIds};
pub use render::{
    render, AnswerEnd, Context, FaqEntry, Heading, Labels, LinkCheck, LinkTargets, Rendered, TextBlock,
    Unpublished,
};
pub use shortcodes::{expand, ColumnMap, Parameters, ShortcodeRenderer, Value};
