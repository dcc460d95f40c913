//! The site's accent colour: checked for contrast on the theme's backgrounds, and written as
//! the stylesheet's link colour.

use markdown::contrast;
use model::config::{parse_colour, SiteConfig};

/// The least contrast ratio text needs to be read (WCAG 2 AA for normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The backgrounds links are drawn on in the built-in stylesheet, light then dark: the page
/// (`--bg`), panels (`--surface`) and the menu's current page (`--current`).
pub const BACKGROUNDS: [[(&str, &str); 3]; 2] = [
    [("--bg", "#fff"), ("--surface", "#f5f7f9"), ("--current", "#e8f0fe")],
    [("--bg", "#111418"), ("--surface", "#1a1f25"), ("--current", "#1d2a3d")],
];

/// The accent's problems: for each scheme, the first background it reads on at less than
/// [`MIN_CONTRAST`], as (the scheme's index, 0 light and 1 dark; the message).
pub fn accent_problems(config: &SiteConfig) -> Vec<(usize, String)> {
    let Some(accent) = &config.branding.accent else { return Vec::new() };
    let (light, dark) = accent.colours();
    let mut problems = Vec::new();
    for (scheme, (colour, backgrounds)) in [light, dark].into_iter().zip(BACKGROUNDS).enumerate() {
        let Some(rgb) = parse_colour(colour) else { continue };
        let name = ["light", "dark"][scheme];
        let low = backgrounds.iter().find_map(|&(variable, background)| {
            let ratio = contrast(rgb, parse_colour(background)?);
            (ratio < MIN_CONTRAST).then_some((variable, background, ratio))
        });
        if let Some((variable, background, ratio)) = low {
            // Rounded down, so that a ratio shown as 4.50 is never one that failed.
            let shown = (ratio * 100.0).floor() / 100.0;
            problems.push((
                scheme,
                format!(
                    "branding.accent: {colour} has a contrast of {shown:.2}:1 on the {name} scheme's \
                     background {background} ({variable}); links need {MIN_CONTRAST}:1 to be read"
                ),
            ));
        }
    }
    problems
}

/// The stylesheet rules that make the accent the colour of links, focus rings and highlights,
/// in each scheme; empty without an accent.
pub fn accent_css(config: &SiteConfig) -> String {
    let Some(accent) = &config.branding.accent else { return String::new() };
    let (light, dark) = accent.colours();
    let rules = |colour: &str| format!("--link:{colour};--link-hover:{colour};--focus:{colour}");
    format!(":root{{{}}}\n@media (prefers-color-scheme:dark){{:root{{{}}}}}\n", rules(light), rules(dark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
        let grey = contrast([0x76, 0x76, 0x76], [255, 255, 255]);
        assert!((4.5..4.6).contains(&grey), "{grey}");
    }

    #[test]
    fn the_default_link_colours_pass_and_a_pale_one_fails_on_its_scheme_only() {
        let config = |accent: &str| {
            let text = format!("title: A\nbase_url: https://x.example.com\nbranding:\n  accent: {accent}\n");
            SiteConfig::parse(&text, std::path::Path::new("ayuda.yaml")).unwrap()
        };
        assert!(accent_problems(&config("{light: \"#0a58ca\", dark: \"#7cb4ff\"}")).is_empty());
        let problems = accent_problems(&config("{light: \"#0a58ca\", dark: \"#3a5a8a\"}"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, 1, "the dark scheme");
        assert!(
            problems[0].1.starts_with("branding.accent: #3a5a8a has a contrast of "),
            "{}",
            problems[0].1
        );
    }

    #[test]
    fn the_backgrounds_are_those_of_the_built_in_stylesheet() {
        let css = crate::theme::built_in_text("static/style.css");
        let (light, dark) = css.split_once("@media (prefers-color-scheme:dark)").expect("a dark scheme");
        for (scheme, backgrounds) in [light, dark].into_iter().zip(BACKGROUNDS) {
            for (variable, colour) in backgrounds {
                assert!(scheme.contains(&format!("{variable}:{colour};")), "{variable}:{colour}");
            }
        }
    }
}
