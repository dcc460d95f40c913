//! `ayuda search`: the page's search engine over a built site's index, for writers checking
//! what readers will find, and for tests.

use anyhow::{bail, Context, Result};
use clap::Args;
use search::{Engine, Reach, Results, Step};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where to search and how to print.
#[derive(Args)]
#[command(after_help = "\
The last word is read as the start of a word, as in the page while the reader types: end the
query with a space to search for whole words only. Words between double quotes must be found
together.

Output: the results, best first; with --json one object:
  {\"results\": [{\"url\", \"title\", \"kind\", \"breadcrumb\", \"score\", \"snippet\",
                 \"sub_results\": [{\"url\", \"title\", \"snippet\"}]}], \"total\", \"partial\",
   \"more\"}
where snippets are HTML with the words found in <mark>, partial says that no page had every
word, so the pages with the most of them came, and more that the long lists of common words
were not read to the end: more pages may match than total counts (and, with --as-you-type,
rank below the results given). Completions of the last word and words with typos count only
by the pages where they weigh most, more or not. The JSON is the page's own, byte for byte;
only the text says when every word of the query is too common to be searched (`de`, `the`).

Exit status: 0 when the search ran (with or without results), 1 when the index cannot be read.")]
pub struct SearchArgs {
    /// The built site (the output folder of `ayuda build`).
    #[arg(long, value_name = "DIR")]
    site: PathBuf,
    /// The language whose pages to search; the site's default language when absent.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// At most this many results (1 or more).
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = at_least_one)]
    limit: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Answer as the search box does while the reader types: on a large site, only the best
    /// results the first part of each word's index ranks for sure.
    #[arg(long)]
    as_you_type: bool,
    /// What to search for.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
}

/// Runs `ayuda search`.
pub fn run(args: &SearchArgs) -> Result<ExitCode> {
    let indexes = args.site.join(build::SEARCH_FOLDER);
    let languages = languages(&args.site)?;
    let language = args.lang.as_ref().unwrap_or(&languages[0]);
    if !languages.contains(language) {
        bail!(
            "{} has no search index in the language \"{language}\"; it has {}",
            args.site.display(),
            languages.join(", ")
        );
    }
    let folder = indexes.join(language);
    let entry = read(&folder, search::ENTRY)?;
    let mut engine = Engine::new(&String::from_utf8_lossy(&entry))?;
    let query = args.query.join(" ");
    let reach = if args.as_you_type { Reach::FirstTiers } else { Reach::Full };
    let mut read_already = std::collections::HashSet::new();
    let results = loop {
        match engine.search_reaching(&query, args.limit, reach) {
            Step::Need(files) => {
                for file in files {
                    // An engine asking twice for a file it was given would ask forever.
                    if !read_already.insert(file.clone()) {
                        bail!(
                            "the search index in {} is inconsistent: build the site again",
                            folder.display()
                        );
                    }
                    engine.add(&file, &inflate(&folder, &file)?)?;
                }
            }
            Step::Done(results) => break results,
        }
    };
    let output =
        if args.json { format!("{}\n", results.to_json()) } else { text(&results, &query, language) };
    // A reader that stops reading (`| head`) is not an error.
    match std::io::stdout().lock().write_all(output.as_bytes()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn read(folder: &Path, file: &str) -> Result<Vec<u8>> {
    let path = folder.join(file);
    std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// An index file, inflated (they are stored gzip-compressed).
fn inflate(folder: &Path, file: &str) -> Result<Vec<u8>> {
    let stored = read(folder, file)?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&stored[..])
        .read_to_end(&mut bytes)
        .map_err(|_| search::Error::Corrupt(file.to_owned()))?;
    Ok(bytes)
}

/// The languages of a built site's index, as `languages.txt` lists them: the site's default
/// one first.
fn languages(site: &Path) -> Result<Vec<String>> {
    let indexes = site.join(build::SEARCH_FOLDER);
    let listed = read(&indexes, build::SEARCH_LANGUAGES).with_context(|| {
        format!(
            "{} has no search index: it is not the output of `ayuda build`, or its site turns search off (`search: false` in ayuda.yaml)",
            site.display()
        )
    })?;
    let languages: Vec<String> =
        String::from_utf8_lossy(&listed).lines().filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if languages.is_empty() {
        bail!("{} is empty", indexes.join(build::SEARCH_LANGUAGES).display());
    }
    Ok(languages)
}

/// `--limit`: a count of results, 1 or more.
fn at_least_one(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(0) => Err("0 results asked for: give 1 or more".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// The words of `query`, once each, when every one is a stop word of `language` (`de`, `the`):
/// the index leaves those out, so such a query finds nothing. Else none.
fn too_common(query: &str, language: &str) -> Vec<String> {
    let tokens: Vec<text::Token> =
        text::Analyzer::for_language(language).analyze(query).filter(|token| !token.part).collect();
    let mut words: Vec<String> = Vec::new();
    if tokens.iter().all(|token| token.stop) {
        for token in tokens {
            if !words.contains(&token.exact) {
                words.push(token.exact);
            }
        }
    }
    words
}

/// Results for a terminal: title, link, breadcrumb and snippet, the words found in `[…]`; or
/// why there are none when every word of `query` is too common to be searched.
fn text(results: &Results, query: &str, language: &str) -> String {
    let mut out = String::new();
    if results.results.is_empty() {
        out.push_str(&match too_common(query, language).as_slice() {
            [] => "No results.\n".to_owned(),
            words => format!(
                "No results: every word of the query is too common to be searched ({}); add a word that says what you look for.\n",
                words.join(", ")
            ),
        });
        return out;
    }
    if results.partial {
        out.push_str("No page has every word; these have the most of them.\n");
    }
    for (i, hit) in results.results.iter().enumerate() {
        out.push_str(&format!("{}. {}  {}\n", i + 1, hit.title, hit.url));
        if !hit.breadcrumb.is_empty() {
            out.push_str(&format!("   {}\n", hit.breadcrumb.join(" › ")));
        }
        out.push_str(&format!("   {}\n", plain(&hit.snippet)));
        for sub in &hit.sub_results {
            out.push_str(&format!("   § {}  {}\n", sub.title, sub.url));
        }
    }
    let or_more = if results.more { " or more" } else { "" };
    out.push_str(&format!("{} of {}{or_more} results\n", results.results.len(), results.total));
    out
}

/// A snippet's HTML as text, the marked words between brackets.
fn plain(html: &str) -> String {
    html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}
