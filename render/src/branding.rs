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

/// The height of the logo in the header, in CSS pixels (`.site-logo` in style.css).
pub const LOGO_HEIGHT: u32 = 32;

/// The logo as the header shows it: its URL, and its width at [`LOGO_HEIGHT`], so that the
/// page keeps its room before it loads.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Logo {
    /// Its content-hashed URL.
    pub url: String,
    /// Its width in CSS pixels.
    pub width: u32,
    /// Its height in CSS pixels.
    pub height: u32,
}

/// The width of an image shown [`LOGO_HEIGHT`] high: raster formats by `imagesize`, SVG by
/// its root element's `viewBox` (else its `width` and `height`). `None` when the size cannot
/// be read. SVG is read by hand: no crate reads an SVG's size short of a whole SVG renderer.
pub fn logo_width(bytes: &[u8]) -> Option<u32> {
    let (width, height) = match imagesize::blob_size(bytes) {
        Ok(size) => (size.width as f64, size.height as f64),
        Err(_) => svg_size(std::str::from_utf8(bytes).ok()?)?,
    };
    let width = (width * f64::from(LOGO_HEIGHT) / height).round();
    (width.is_finite() && (1.0..=f64::from(LOGO_HEIGHT * 16)).contains(&width)).then_some(width as u32)
}

/// The size an SVG text declares on its root element.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attribute = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    let number = |text: &str| text.trim().trim_end_matches("px").parse::<f64>().ok().filter(|n| *n > 0.0);
    let from_box = attribute("viewBox").and_then(|view| {
        let parts: Vec<f64> =
            view.split([' ', ',']).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
        (parts.len() == 4 && parts[2] > 0.0 && parts[3] > 0.0).then(|| (parts[2], parts[3]))
    });
    from_box.or_else(|| Some((number(attribute("width")?)?, number(attribute("height")?)?)))
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
    fn a_logo_keeps_its_shape_at_the_header_height() {
        let svg = |attributes: &str| {
            format!("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"{attributes}><rect/></svg>")
        };
        assert_eq!(logo_width(svg(" viewBox=\"0 0 120 40\"").as_bytes()), Some(96));
        assert_eq!(logo_width(svg(" width=\"50px\" height=\"100\"").as_bytes()), Some(16));
        assert_eq!(
            logo_width(svg(" viewBox=\"0,0,64,64\" width=\"10\" height=\"99\"").as_bytes()),
            Some(32),
            "the viewBox first"
        );
        assert_eq!(logo_width(svg("").as_bytes()), None, "no size");
        assert_eq!(logo_width(svg(" viewBox=\"0 0 0 10\"").as_bytes()), None);
        assert_eq!(logo_width(b"not an image"), None);
        // A PNG's header: 200 x 50.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend([0, 0, 0, 200, 0, 0, 0, 50, 8, 6, 0, 0, 0]);
        assert_eq!(logo_width(&png), Some(128));
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
