//! `ayuda.yaml`, the site configuration.

use diagnostics::{yaml_key_position, yaml_value_positions, yaml_value_start, Diagnostic};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The site configuration. Only `title` and `base_url` are required.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every header: one for all languages, or one per language.
    pub title: SiteText,
    /// Where the site is published, e.g. `https://ayuda.example.com` or
    /// `https://example.com/ayuda` (no trailing `/`).
    pub base_url: String,
    /// The path part of `base_url` (`/ayuda`, or `""` at the root of a host): every link
    /// inside the site starts with it.
    #[serde(skip)]
    pub base_path: String,
    /// The language of pages without a language suffix.
    #[serde(default = "default_language")]
    pub default_language: String,
    /// Every language the site has, the default one included.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A theme folder under `themes/`; the built-in theme when absent.
    #[serde(default)]
    pub theme: Option<String>,
    /// The SLA policy file; `sla.yaml` when present.
    #[serde(default)]
    pub sla_policy: Option<String>,
    /// What the site is, for the home pages (when their own front matter has no
    /// description) and the feeds: one for all languages, or one per language.
    #[serde(default)]
    pub description: Option<SiteText>,
    /// `false` turns search off: no index, no search box, no search page.
    #[serde(default = "enabled")]
    pub search: bool,
    /// An announcement at the top of every page, if any.
    #[serde(default)]
    pub banner: Option<Banner>,
    /// Where readers' answers to "was this article helpful?" go.
    #[serde(default)]
    pub feedback: Feedback,
    /// The page that explains the SLA and holds its calculator (a path under `content/`, in
    /// the default language): the footer and the contact page link to it.
    #[serde(default)]
    pub sla_page: Option<String>,
    /// The site's logo, favicon and accent colour.
    #[serde(default)]
    pub branding: Branding,
    /// Pages each language's home page features first, in this order, before those with
    /// `featured: true` in their front matter: per language, paths under `content/` of pages
    /// in that language (`es: [guia/exportar.md]`, `en: [guia/exportar.en.md]`).
    #[serde(default)]
    pub featured: BTreeMap<String, Vec<String>>,
    /// Anything else, passed to templates as `config.extra`.
    #[serde(default)]
    pub extra: BTreeMap<String, yaml_serde::Value>,
    /// Where some values are written in `ayuda.yaml`, for the checks made once the site is
    /// read.
    #[serde(skip)]
    pub positions: ConfigPositions,
}

/// Lines and columns of values in `ayuda.yaml` that are checked against the site.
#[derive(Clone, Debug, Default)]
pub struct ConfigPositions {
    /// `sla_page`.
    pub sla_page: (usize, usize),
    /// `branding.logo`.
    pub logo: (usize, usize),
    /// `branding.favicon`.
    pub favicon: (usize, usize),
    /// `branding.accent`: its light and dark colours.
    pub accent: [(usize, usize); 2],
    /// `featured`: each language's paths, in order.
    pub featured: BTreeMap<String, Vec<(usize, usize)>>,
}

/// Where `key:` and then each of `values` are written under the top-level key `top`.
fn keyed_value_positions(text: &str, top: &str, key: &str, values: &[String]) -> Vec<(usize, usize)> {
    let mut searched = vec![format!("{key}:")];
    searched.extend_from_slice(values);
    yaml_value_positions(text, 1, top, &searched)
}

/// A text of the site: the same in every language, or given per language (`es: …`, `en: …`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum SiteText {
    /// One text for every language.
    Same(String),
    /// A text per language; the default language's stands in for a missing one.
    PerLanguage(BTreeMap<String, String>),
}

impl SiteText {
    /// The text in `language`, else in `default_language`.
    fn get<'a>(&'a self, language: &str, default_language: &str) -> &'a str {
        match self {
            SiteText::Same(text) => text,
            SiteText::PerLanguage(texts) => {
                texts.get(language).or_else(|| texts.get(default_language)).map_or("", String::as_str)
            }
        }
    }

    /// A problem with the languages it names, if any.
    fn check(&self, languages: &[String], default_language: &str) -> Result<(), String> {
        let SiteText::PerLanguage(texts) = self else { return Ok(()) };
        if let Some(unknown) = texts.keys().find(|l| !languages.contains(l)) {
            return Err(format!(
                "\"{unknown}\" is not one of the site's languages ({})",
                languages.join(", ")
            ));
        }
        if !texts.contains_key(default_language) {
            return Err(format!("needs a text in the default language, {default_language}"));
        }
        Ok(())
    }
}

/// Where readers' answers to "was this article helpful?" go: an endpoint that receives each
/// vote, and the address a "No" writes to without one (or without JavaScript).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// An http(s) URL, or a path of the host (`/feedback`), that receives each vote as a
    /// JSON text of at most 1 KB (`navigator.sendBeacon`, sent as `text/plain`).
    #[serde(default)]
    pub url: Option<String>,
    /// The address a "No" writes to; the first request type's contact in the SLA policy
    /// when absent.
    #[serde(default)]
    pub email: Option<String>,
}

/// The site's own look: a logo beside its name, a favicon and the colour of links and
/// highlights. Files are paths under the site's `static/` folder.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// An image shown before the site's name in every header (SVG, PNG, WebP, JPEG).
    #[serde(default)]
    pub logo: Option<String>,
    /// The icon browsers show in tabs and bookmarks (SVG, PNG or ICO).
    #[serde(default)]
    pub favicon: Option<String>,
    /// The colour of links, focus rings and highlights: one for both colour schemes, or one
    /// for each (`light: "#…"`, `dark: "#…"`). Each must read at 4.5:1 or more on the theme's
    /// backgrounds.
    #[serde(default)]
    pub accent: Option<Accent>,
}

/// The accent colour, as `#rrggbb` (or `#rgb`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Accent {
    /// The same colour in the light and dark schemes.
    Same(String),
    /// A colour per scheme.
    PerScheme {
        /// On light backgrounds.
        light: String,
        /// On dark backgrounds.
        dark: String,
    },
}

impl Accent {
    /// The colours for the light and the dark scheme, as written.
    pub fn colours(&self) -> (&str, &str) {
        match self {
            Accent::Same(colour) => (colour, colour),
            Accent::PerScheme { light, dark } => (light, dark),
        }
    }
}

/// An announcement at the top of every page, which readers can dismiss.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Banner {
    /// What it says, as plain text: one for all languages, or one per language.
    pub text: SiteText,
    /// How much it matters.
    #[serde(default)]
    pub level: BannerLevel,
    /// The last day it is shown: builds made after that day leave it out.
    #[serde(default, deserialize_with = "crate::front_matter::page_date")]
    pub until: Option<chrono::NaiveDate>,
}

/// How much an announcement matters, which decides its colours.
#[derive(Clone, Copy, Debug, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum BannerLevel {
    /// News (the default).
    #[default]
    Info,
    /// Something readers should know before they go on: a maintenance window.
    Warning,
    /// Something broken now: an outage.
    Critical,
}

impl Banner {
    /// Whether a build made on `today` shows it.
    pub fn shown_on(&self, today: chrono::NaiveDate) -> bool {
        self.until.is_none_or(|until| today <= until)
    }

    /// Its text in `language` (the default language's when that one has none).
    pub fn text(&self, language: &str, default_language: &str) -> &str {
        self.text.get(language, default_language)
    }
}

fn enabled() -> bool {
    true
}

fn default_language() -> String {
    "es".to_owned()
}

/// A colour written `#rrggbb` or `#rgb`, as red, green and blue.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let channel = |digits: &str| u8::from_str_radix(digits, 16).ok();
    match hex.len() {
        6 => Some([channel(&hex[0..2])?, channel(&hex[2..4])?, channel(&hex[4..6])?]),
        3 => {
            let short = |i: usize| channel(&hex[i..=i]).map(|v| v * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

/// Where the values checked against the site are written.
fn config_positions(config: &SiteConfig, text: &str) -> ConfigPositions {
    let value = |key: &str, value: Option<&String>| match value {
        Some(value) => yaml_value_positions(text, 1, key, std::slice::from_ref(value))[0],
        None => yaml_key_position(text, 1, key),
    };
    let branding = &config.branding;
    let accent = match &branding.accent {
        Some(Accent::Same(colour)) => [value("branding", Some(colour)); 2],
        Some(Accent::PerScheme { light, dark }) => {
            let both = yaml_value_positions(text, 1, "branding", &[light.clone(), dark.clone()]);
            [both[0], both[1]]
        }
        None => [yaml_key_position(text, 1, "branding"); 2],
    };
    let featured = config
        .featured
        .iter()
        .map(|(language, paths)| {
            (language.clone(), keyed_value_positions(text, "featured", language, paths).split_off(1))
        })
        .collect();
    ConfigPositions {
        sla_page: value("sla_page", config.sla_page.as_ref()),
        logo: value("branding", branding.logo.as_ref()),
        favicon: value("branding", branding.favicon.as_ref()),
        accent,
        featured,
    }
}

impl SiteConfig {
    /// Parses and checks the configuration text of the file `file`.
    pub fn parse(text: &str, file: &Path) -> Result<SiteConfig, Diagnostic> {
        let at = |position: Option<(usize, usize)>, message: String| match position {
            Some((line, column)) => Diagnostic::at(file, line, column, message),
            None => Diagnostic::file(file, message),
        };
        let mut config: SiteConfig = yaml_serde::from_str(text).map_err(|e| {
            let (position, message) = diagnostics::yaml_error(&e, text, 1);
            at(position, message)
        })?;
        let default_listed = config.languages.contains(&config.default_language);
        if !default_listed {
            config.languages.insert(0, config.default_language.clone());
        }
        let language_ok = |l: &String| {
            (2..=8).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if let Some(bad) = config.languages.iter().find(|l| !language_ok(l)) {
            let position = yaml_value_positions(text, 1, "languages", std::slice::from_ref(bad))[0];
            return Err(at(Some(position), format!("languages: \"{bad}\" is not a language code")));
        }
        // A code names the language's folder (/en/) and its files (guia.en.md) as written, and
        // is compared as written: `EN` would be a language apart from `en`.
        let in_capitals = |l: &&String| text::primary_subtag(l).chars().any(|c| c.is_ascii_uppercase());
        if let Some(upper) = config.languages.iter().find(in_capitals) {
            let (primary, region) = upper.split_at(text::primary_subtag(upper).len());
            let written = format!("{}{region}", primary.to_ascii_lowercase());
            let (key, position) = if *upper == config.default_language && !default_listed {
                ("default_language", yaml_value_start(text, 1, "default_language"))
            } else {
                ("languages", yaml_value_positions(text, 1, "languages", std::slice::from_ref(upper))[0])
            };
            let message =
                format!("{key}: \"{upper}\" is in capitals: a language code is written in small letters");
            return Err(at(Some(position), message).with_help(format!("write {written}")));
        }
        let texts = [
            ("title", Some(&config.title)),
            ("description", config.description.as_ref()),
            ("banner", config.banner.as_ref().map(|banner| &banner.text)),
        ];
        for (key, site_text) in texts.into_iter().filter_map(|(key, site_text)| Some((key, site_text?))) {
            let field = if key == "banner" { "banner.text" } else { key };
            site_text.check(&config.languages, &config.default_language).map_err(|message| {
                at(Some(yaml_key_position(text, 1, key)), format!("{field}: {message}"))
            })?;
        }
        if let Some(unknown) = config.featured.keys().find(|l| !config.languages.contains(l)) {
            let position = keyed_value_positions(text, "featured", unknown, &[])[0];
            let message = format!(
                "featured: \"{unknown}\" is not one of the site's languages ({})",
                config.languages.join(", ")
            );
            return Err(at(Some(position), message));
        }
        if let Some(url) = &config.feedback.url {
            let scheme_ok = ["https://", "http://"].iter().any(|s| url.starts_with(s) && url.len() > s.len());
            let path_ok = url.starts_with('/') && !url.starts_with("//");
            if !(scheme_ok || path_ok) || url.contains(char::is_whitespace) {
                let position = yaml_value_positions(text, 1, "feedback", std::slice::from_ref(url))[0];
                let message = format!(
                    "feedback.url: \"{url}\" must be an http(s) URL or a path of the host, like /feedback"
                );
                return Err(at(Some(position), message));
            }
        }
        if let Some(email) = &config.feedback.email {
            // The policy's own check of its contacts' addresses.
            if let Err(message) = calculator::Email::try_from(email.clone()) {
                let position = yaml_value_positions(text, 1, "feedback", std::slice::from_ref(email))[0];
                return Err(at(Some(position), format!("feedback.email: {message}")));
            }
        }
        if let Some(banner) = &config.banner {
            let blank = match &banner.text {
                SiteText::Same(one) => one.trim().is_empty(),
                SiteText::PerLanguage(texts) => texts.values().any(|t| t.trim().is_empty()),
            };
            if blank {
                return Err(at(
                    Some(yaml_key_position(text, 1, "banner")),
                    "banner.text: is empty".to_owned(),
                ));
            }
        }
        config.positions = config_positions(&config, text);
        if let Some(accent) = &config.branding.accent {
            let (light, dark) = accent.colours();
            for (colour, position) in [light, dark].into_iter().zip(config.positions.accent) {
                if parse_colour(colour).is_none() {
                    return Err(at(
                        Some(position),
                        format!("branding.accent: \"{colour}\" is not a colour; write it as #rrggbb"),
                    ));
                }
            }
        }
        let base_url = config.base_url.clone();
        config.set_base_url(&base_url).map_err(|message| {
            at(
                Some(yaml_value_positions(text, 1, "base_url", &[base_url])[0]),
                format!("base_url: {message}"),
            )
        })?;
        Ok(config)
    }

    /// Sets `base_url` and `base_path` from an absolute http(s) URL.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let url = url.trim_end_matches('/');
        let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
            return Err(format!("\"{url}\" must start with http:// or https://"));
        };
        let path = rest.find('/').map_or("", |slash| &rest[slash..]);
        if rest.is_empty() || rest.starts_with('/') || url.contains(['?', '#', ' ']) {
            return Err(format!(
                "\"{url}\" must be a host and an optional path, like https://example.com/ayuda"
            ));
        }
        self.base_path = path.to_owned();
        self.base_url = url.to_owned();
        Ok(())
    }

    /// The site's name in `language`.
    pub fn title(&self, language: &str) -> &str {
        self.title.get(language, &self.default_language)
    }

    /// What the site is, in `language`, if the configuration says.
    pub fn description(&self, language: &str) -> Option<&str> {
        self.description.as_ref().map(|d| d.get(language, &self.default_language))
    }

    /// The folder of a language in the site: `""` for the default one, `/en` for others.
    pub fn language_prefix(&self, language: &str) -> String {
        if language == self.default_language {
            String::new()
        } else {
            format!("/{language}")
        }
    }

    /// The scheme and host of `base_url`: a page's absolute URL is this and its link.
    pub fn origin(&self) -> &str {
        &self.base_url[..self.base_url.len() - self.base_path.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, (Option<(usize, usize)>, String)> {
        SiteConfig::parse(text, Path::new("ayuda.yaml")).map_err(|d| (d.line.zip(d.column), d.message))
    }

    #[test]
    fn base_url_gives_origin_and_path() {
        let config = parse("title: A\nbase_url: https://example.com/docs/ayuda/\n").unwrap();
        assert_eq!(config.base_url, "https://example.com/docs/ayuda");
        assert_eq!((config.origin(), config.base_path.as_str()), ("https://example.com", "/docs/ayuda"));
        let root = parse("title: A\nbase_url: http://127.0.0.1:1111/\n").unwrap();
        assert_eq!((root.origin(), root.base_path.as_str()), ("http://127.0.0.1:1111", ""));
        let error = parse("title: A\nbase_url:   ayuda.example.com\n").unwrap_err();
        assert_eq!(
            error,
            (Some((2, 13)), "base_url: \"ayuda.example.com\" must start with http:// or https://".to_owned())
        );
        assert!(parse("title: A\nbase_url: https://x.example.com/?a=1\n").is_err());
    }

    #[test]
    fn a_bracket_left_open_is_a_syntax_error_where_it_opens() {
        assert_eq!(
            parse("title: [Ayuda\nbase_url: https://x.example.com\n").unwrap_err(),
            (
                Some((1, 8)),
                "a `[` is not closed, or a `,` is missing inside it: YAML expected `,` or `]` at line 2 column 9; \
                 a text that starts with `[` goes in quotes"
                    .to_owned()
            )
        );
    }

    #[test]
    fn a_colon_inside_a_value_says_the_value_goes_in_quotes() {
        assert_eq!(
            parse("title: Ayuda: Calidoria\nbase_url: https://x.example.com\n").unwrap_err(),
            (
                Some((1, 13)),
                "a `: ` inside a value reads as a key (YAML: mapping values are not allowed in this context); \
                 a text with `: ` goes in quotes: `title: \"Ayuda: Calidoria\"`"
                    .to_owned()
            )
        );
    }

    #[test]
    fn a_language_code_in_capitals_is_refused_where_it_is_written() {
        let refused = |yaml: &str| {
            let error = SiteConfig::parse(yaml, Path::new("ayuda.yaml")).unwrap_err();
            (error.line, error.column, error.to_string())
        };
        let head = "title: A\nbase_url: https://x.example.com\n";
        assert_eq!(
            refused(&format!("{head}languages: [es, EN]\n")),
            (
                Some(3),
                Some(17),
                "ayuda.yaml:3:17: languages: \"EN\" is in capitals: a language code is written in small letters \
                 (help: write en)"
                    .to_owned()
            )
        );
        let (line, column, said) = refused(&format!("{head}default_language: PT-BR\n"));
        assert_eq!((line, column), (Some(3), Some(19)));
        assert!(
            said.contains("default_language: \"PT-BR\" is in capitals")
                && said.ends_with("(help: write pt-BR)")
        );
        let regions =
            SiteConfig::parse(&format!("{head}languages: [es-CO, en-US]\n"), Path::new("ayuda.yaml"));
        assert!(regions.is_ok(), "a region in capitals is as written: {regions:?}");
    }

    #[test]
    fn title_and_description_per_language() {
        let yaml = "title:\n  es: Ayuda\n  en: Help\nbase_url: https://x.example.com\nlanguages: [es, en, fr]\ndescription: Soporte\n";
        let config = parse(yaml).unwrap();
        assert_eq!((config.title("es"), config.title("en"), config.title("fr")), ("Ayuda", "Help", "Ayuda"));
        assert_eq!(config.description("en"), Some("Soporte"));
        let unknown = parse("base_url: https://x.example.com\ntitle: {es: Ayuda, de: Hilfe}\n");
        assert_eq!(
            unknown.unwrap_err(),
            (Some((2, 1)), "title: \"de\" is not one of the site's languages (es)".to_owned())
        );
        let missing = parse("title: {en: Help}\nbase_url: https://x.example.com\nlanguages: [es, en]\n");
        assert_eq!(missing.unwrap_err().1, "title: needs a text in the default language, es");
    }

    #[test]
    fn a_banner_has_a_text_a_level_and_a_last_day() {
        let head = "title: A\nbase_url: https://x.example.com\nlanguages: [es, en]\n";
        let config = parse(&format!(
            "{head}banner:\n  text: {{es: Mantenimiento el sábado, en: Maintenance on Saturday}}\n  level: warning\n  until: 2026-12-12\n"
        ))
        .unwrap();
        let banner = config.banner.unwrap();
        assert_eq!(
            (banner.text("en", "es"), banner.level),
            ("Maintenance on Saturday", BannerLevel::Warning)
        );
        let day = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
        assert!(banner.shown_on(day("2026-12-12")) && !banner.shown_on(day("2026-12-13")));
        let plain = parse(&format!("{head}banner:\n  text: Hola\n")).unwrap().banner.unwrap();
        assert_eq!((plain.text("en", "es"), plain.level, plain.until), ("Hola", BannerLevel::Info, None));
        assert!(plain.shown_on(day("2999-01-01")));
    }

    #[test]
    fn feedback_takes_an_endpoint_and_an_address_and_refuses_others() {
        let head = "title: A\nbase_url: https://x.example.com\n";
        let config = parse(&format!(
            "{head}feedback:\n  url: https://votes.example.com/ayuda\n  email: docs@example.com\n"
        ))
        .unwrap();
        assert_eq!(config.feedback.url.as_deref(), Some("https://votes.example.com/ayuda"));
        assert_eq!(config.feedback.email.as_deref(), Some("docs@example.com"));
        assert!(parse(&format!("{head}feedback: {{url: /feedback}}\n")).is_ok());
        assert_eq!(parse(head).unwrap().feedback.url, None);
        assert_eq!(
            parse(&format!("{head}feedback:\n  url: javascript:alert(1)\n")).unwrap_err(),
            (Some((4, 8)), "feedback.url: \"javascript:alert(1)\" must be an http(s) URL or a path of the host, like /feedback".to_owned())
        );
        assert_eq!(
            parse(&format!("{head}feedback:\n  email: docs.example.com\n")).unwrap_err(),
            (Some((4, 10)), "feedback.email: \"docs.example.com\" is not an e-mail address".to_owned())
        );
        assert!(parse(&format!("{head}feedback:\n  endpoint: /x\n"))
            .unwrap_err()
            .1
            .contains("unknown field `endpoint`"));
    }

    #[test]
    fn a_bad_banner_is_refused_where_it_is_wrong() {
        let head = "title: A\nbase_url: https://x.example.com\nlanguages: [es, en]\n";
        let error = |body: &str| parse(&format!("{head}{body}")).unwrap_err();
        let (position, message) = error("banner:\n  text: Hola\n  level: urgent\n");
        assert_eq!(position, Some((6, 10)));
        assert!(
            message.contains("unknown variant `urgent`, expected one of `info`, `warning`, `critical`"),
            "{message}"
        );
        for (until, wrong) in [
            ("2026-13-01", "is no day of the calendar"),
            ("tomorrow", "is not a date written YYYY-MM-DD"),
            ("2200-01-01", "is outside the years 1970 to 2100"),
        ] {
            let message = format!("banner.until: {until} {wrong}");
            assert_eq!(
                error(&format!("banner:\n  text: Hola\n  until: {until}\n")),
                (Some((6, 10)), message)
            );
        }
        assert_eq!(
            error("banner:\n  text: {en: Hi}\n"),
            (Some((4, 1)), "banner.text: needs a text in the default language, es".to_owned())
        );
        assert_eq!(error("banner:\n  text: \"  \"\n"), (Some((4, 1)), "banner.text: is empty".to_owned()));
        let (position, message) = error("banner:\n  text: Hola\n  colour: red\n");
        assert_eq!(position.map(|p| p.0), Some(6));
        assert!(message.contains("unknown field `colour`"), "{message}");
    }

    #[test]
    fn an_accent_is_one_colour_or_one_per_scheme_written_in_hex() {
        assert_eq!(parse_colour("#0b6E4f"), Some([0x0b, 0x6e, 0x4f]));
        assert_eq!(parse_colour("#fa0"), Some([0xff, 0xaa, 0x00]));
        for bad in ["0b6e4f", "#0b6e4", "#ggg", "green", "#+1+1+1", "#ññ"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
        let head = "title: A\nbase_url: https://x.example.com\n";
        let both = parse(&format!("{head}branding:\n  accent: \"#0b6e4f\"\n")).unwrap();
        assert_eq!(both.branding.accent.unwrap().colours(), ("#0b6e4f", "#0b6e4f"));
        let each =
            parse(&format!("{head}branding:\n  accent:\n    light: \"#0b6e4f\"\n    dark: \"#5fd3a8\"\n"))
                .unwrap();
        assert_eq!(each.branding.accent.as_ref().unwrap().colours(), ("#0b6e4f", "#5fd3a8"));
        assert_eq!(each.positions.accent, [(5, 13), (6, 12)]);
        assert_eq!(
            parse(&format!("{head}branding:\n  accent:\n    light: \"#0b6e4f\"\n    dark: verde\n"))
                .unwrap_err(),
            (Some((6, 11)), "branding.accent: \"verde\" is not a colour; write it as #rrggbb".to_owned())
        );
        assert!(parse(&format!("{head}branding:\n  banner: x.svg\n"))
            .unwrap_err()
            .1
            .contains("unknown field `banner`"));
    }
}
