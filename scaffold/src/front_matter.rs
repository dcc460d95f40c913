//! The front matter that `ayuda init` and `ayuda new` write.

use chrono::NaiveDate;

/// The `date` and `updated` lines of a page written on `today`.
pub fn dates(today: NaiveDate) -> String {
    format!("date: {today}\nupdated: {today}\n")
}

/// A page's whole front matter, `---` lines included: its title, its dates, its menu weight
/// when it has one, and `faq: true` for a page of questions.
pub fn front_matter(title: &str, today: NaiveDate, weight: Option<i64>, faq: bool) -> String {
    let weight = weight.map_or(String::new(), |weight| format!("weight: {weight}\n"));
    let faq = if faq { "faq: true\n" } else { "" };
    format!("---\ntitle: {}\n{}{weight}{faq}---\n\n", yaml_text(title), dates(today))
}

/// A text as a YAML value: plain when YAML reads it back as that text, quoted otherwise
/// (`123`, `null`, `Nota: leer`).
fn yaml_text(text: &str) -> String {
    match yaml_serde::from_str::<yaml_serde::Value>(text) {
        Ok(yaml_serde::Value::String(read)) if read == text => text.to_owned(),
        _ => yaml_serde::to_string(text).expect("a string serializes").trim_end().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::front_matter::split;
    use std::path::Path;

    #[test]
    fn titles_read_back_as_written() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        for title in
            ["Exportar informes", "¿Qué es? Nota: leer", "123", "null", "- lista", "#1 «x»", "a 'b' \"c\""]
        {
            let text = format!("{}Body.\n", front_matter(title, today, Some(30), true));
            let (parsed, problems) = split(Path::new("x.md"), &text).unwrap();
            assert!(problems.is_empty(), "{title}: {problems:?}");
            assert_eq!(parsed.front.title, title);
            assert_eq!(parsed.front.date, Some(today));
            assert_eq!(parsed.front.updated, Some(today));
            assert!(parsed.front.faq);
            assert_eq!(parsed.front.weight, 30);
            assert_eq!(parsed.body, "\nBody.\n");
        }
        let plain = front_matter("Exportar informes", today, None, false);
        assert!(plain.contains("title: Exportar informes\n") && !plain.contains("weight"), "{plain}");
    }
}
