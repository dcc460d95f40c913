//! `ayuda.yaml`, the site configuration.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The site configuration. Only `title` and `base_url` are required.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every header.
    pub title: String,
    /// Where the site is published, e.g. `https://ayuda.example.com`.
    pub base_url: String,
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
    /// A site description for the home page and feeds, by language.
    #[serde(default)]
    pub description: BTreeMap<String, String>,
    /// Anything else, passed to templates as `config.extra`.
    #[serde(default)]
    pub extra: BTreeMap<String, yaml_serde::Value>,
}

fn default_language() -> String {
    "es".to_owned()
}

impl SiteConfig {
    /// Parses and checks the configuration text.
    pub fn parse(text: &str) -> Result<SiteConfig, (Option<(usize, usize)>, String)> {
        let mut config: SiteConfig =
            yaml_serde::from_str(text).map_err(|e| crate::diagnostics::yaml_error(&e))?;
        if !config.languages.contains(&config.default_language) {
            config.languages.insert(0, config.default_language.clone());
        }
        let language_ok = |l: &String| {
            (2..=8).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if let Some(bad) = config.languages.iter().find(|l| !language_ok(l)) {
            return Err((None, format!("languages: \"{bad}\" is not a language code")));
        }
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err((
                None,
                format!("base_url: \"{}\" must start with http:// or https://", config.base_url),
            ));
        }
        config.base_url = config.base_url.trim_end_matches('/').to_owned();
        Ok(config)
    }
}
