//! `ayuda.yaml`, the site configuration.

use diagnostics::{yaml_key_position, yaml_value_positions, Diagnostic};
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
    /// Anything else, passed to templates as `config.extra`.
    #[serde(default)]
    pub extra: BTreeMap<String, yaml_serde::Value>,
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

fn enabled() -> bool {
    true
}

fn default_language() -> String {
    "es".to_owned()
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
        if !config.languages.contains(&config.default_language) {
            config.languages.insert(0, config.default_language.clone());
        }
        let language_ok = |l: &String| {
            (2..=8).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if let Some(bad) = config.languages.iter().find(|l| !language_ok(l)) {
            let position = yaml_value_positions(text, 1, "languages", std::slice::from_ref(bad))[0];
            return Err(at(Some(position), format!("languages: \"{bad}\" is not a language code")));
        }
        let texts = [("title", Some(&config.title)), ("description", config.description.as_ref())];
        for (key, site_text) in texts.into_iter().filter_map(|(key, site_text)| Some((key, site_text?))) {
            site_text
                .check(&config.languages, &config.default_language)
                .map_err(|message| at(Some(yaml_key_position(text, 1, key)), format!("{key}: {message}")))?;
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
}
