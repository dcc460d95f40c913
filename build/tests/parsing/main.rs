//! A property test of every parser of site input: random texts, and texts made by mutating
//! valid pages and the demo's SLA policy, never make a parser panic, and every problem they
//! report is placed inside the text. Bounded to run in seconds; `fuzz/` runs the same check
//! for as long as one wants.

mod parsers;

use markdown::Highlighter;
use proptest::prelude::*;
use proptest::sample::Index;

/// Valid inputs to mutate: pages with every construct the parsers treat apart, and the policy.
fn seeds() -> Vec<String> {
    let policy =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sla.yaml"))
            .unwrap();
    vec![
        "---\ntitle: Guía\ndate: 2025-01-02\ntags: [a, b]\naliases:\n  - /viejo/\nextra:\n  color: rojo\n---\n\n\
         ## Pasos\n\nVer [b](b.md#pasos), [c](c.md) y <https://example.com>.[^1]\n\n- [ ] Uno\n- [x] **Dos**\n\n\
         | a | b |\n|---|---|\n| [x](b.md) | `{{ dias() }}` |\n\n> [!NOTE]\n> Nota.\n\n[^1]: Pie.\n"
            .to_owned(),
        "---\ntitle: \"Plazos\"\nfaq: true\n---\n\nSon {{ dias() }} días.\n\n{{ bloque(titulo=\"x\") }}\n\n\
         x {{ nota(a=1, b=\"y\", c=true) }} y\n\n```rust\nfn main() {}\n```\n\n## ¿Pregunta?\n\nRespuesta.\n"
            .to_owned(),
        policy,
    ]
}

/// Pieces that the parsers treat apart, to insert and to build random texts from.
const TOKENS: &[&str] = &[
    "---",
    "\n",
    "\r\n",
    "\t",
    " ",
    ":",
    "- ",
    "!foo ",
    "~",
    "null",
    "\"",
    "'",
    "[",
    "]",
    "(",
    ")",
    "](",
    "#",
    "{{",
    "}}",
    "{{ bloque() }}",
    "{{ dias(",
    "=",
    ",",
    "a=",
    "`",
    "```",
    "> ",
    "| ",
    "|---|",
    "[^1]",
    "*",
    "<div>",
    "é",
    "😀",
    "\u{feff}",
    "\u{0}",
    "javascript:",
    "../",
    ".md",
    "0000-01-01",
    "title: ",
    "tags: ",
];

/// A change to a text, at a character index.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(Index, &'static str),
    Delete(Index, usize),
    Duplicate(Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = proptest::sample::select(TOKENS);
    prop_oneof![
        (any::<Index>(), token).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<Index>(), 1..12usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<Index>(), 1..40usize).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for mutation in mutations {
        let at = |index: &Index, chars: &Vec<char>| index.index(chars.len() + 1);
        match mutation {
            Mutation::Insert(index, token) => {
                let at = at(index, &chars);
                chars.splice(at..at, token.chars());
            }
            Mutation::Delete(index, n) => {
                let at = at(index, &chars);
                chars.drain(at..(at + n).min(chars.len()));
            }
            Mutation::Duplicate(index, n) => {
                let at = at(index, &chars);
                let copy: Vec<char> = chars[at..(at + n).min(chars.len())].to_vec();
                chars.splice(at..at, copy);
            }
        }
    }
    chars.into_iter().collect()
}

/// A random text: tokens, words and any characters.
fn random_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 ]{1,6}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() }
}

#[test]
fn mutated_pages_and_policies_are_parsed_or_refused_with_a_place() {
    let highlighter = Highlighter::new();
    let seeds = seeds();
    proptest!(config(), |(seed in any::<Index>(), mutations in prop::collection::vec(mutation(), 1..8))| {
        let text = mutate(seeds[seed.index(seeds.len())].as_str(), &mutations);
        if let Err(message) = parsers::parse_everywhere(&text, &highlighter) {
            return Err(TestCaseError::fail(message));
        }
    });
}

#[test]
fn random_texts_are_parsed_or_refused_with_a_place() {
    let highlighter = Highlighter::new();
    proptest!(config(), |(text in random_text())| {
        if let Err(message) = parsers::parse_everywhere(&text, &highlighter) {
            return Err(TestCaseError::fail(message));
        }
    });
}

/// Found by the properties above: the SLA policy's parser counted lines as libyaml does (a lone
/// `\r` breaks a line, the end of a text without a final line break is a line of its own); it
/// now places its problems by byte offset, as `diagnostics::yaml_error` does.
#[test]
fn policy_problems_are_placed_within_the_text() {
    for text in parsers::POLICY_PROBLEMS_OUTSIDE_THE_TEXT {
        parsers::policy_problem_is_within(text).unwrap();
    }
}

#[test]
fn the_seeds_report_only_placed_problems() {
    let highlighter = Highlighter::new();
    for seed in seeds() {
        parsers::parse_everywhere(&seed, &highlighter).unwrap();
    }
}
