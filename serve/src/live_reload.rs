//! Live reload: the script served pages get, and the event stream it listens to.

use crate::served::{Message, Shared};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use std::convert::Infallible;
use std::sync::Arc;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// Where pages fetch the script, outside any site path.
pub const SCRIPT_PATH: &str = "/__ayuda/live-reload.js";
/// Where the script listens for messages.
pub const EVENTS_PATH: &str = "/__ayuda/events";
/// The script: reloads the page, swaps stylesheets, shows the build's errors.
pub const SCRIPT: &str = include_str!("live-reload.js");

/// The script's tag, with the words of its overlay in Spanish and in English as JSON (as the
/// theme gives its scripts theirs): the script speaks the language of the page it is on.
pub fn tag() -> &'static str {
    static TAG: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let words = serde_json::json!({
            "es": render::i18n::preview_text("es"),
            "en": render::i18n::preview_text("en"),
        });
        let text = markdown::escape(&words.to_string());
        format!(
            r#"<script data-ayuda-reload data-events="{EVENTS_PATH}" data-text="{text}" src="{SCRIPT_PATH}"></script>"#
        )
    });
    &TAG
}

/// `html` with the live-reload script's [`tag`] before its last `</body>` (at the end if it
/// has none).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = tag();
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The event stream of one page: first the state (`hello`), then every message.
pub async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the state, so that nothing published between is missed.
    let messages = shared.subscribe();
    let status = shared.status();
    let hello = Event::default().event("hello").data(format!(
        r#"{{"version":{},"errors":{}}}"#,
        status.version,
        json_strings(&status.errors)
    ));
    let updates = BroadcastStream::new(messages).map(|message| {
        Ok(match message {
            Ok(message) => event(&message),
            // A page that fell behind reloads.
            Err(_) => Event::default().event("reload").data("{}"),
        })
    });
    Sse::new(tokio_stream::once(Ok(hello)).chain(updates)).keep_alive(KeepAlive::default())
}

/// A message as a server-sent event.
fn event(message: &Message) -> Event {
    match message {
        Message::Reload { version } => {
            Event::default().event("reload").data(format!(r#"{{"version":{version}}}"#))
        }
        Message::Stylesheets { version, urls } => Event::default()
            .event("stylesheets")
            .data(format!(r#"{{"version":{version},"urls":{}}}"#, json_strings(urls))),
        Message::Problems { errors } => {
            Event::default().event("problems").data(format!(r#"{{"errors":{}}}"#, json_strings(errors)))
        }
    }
}

/// `strings` as a JSON array.
fn json_strings(strings: &[String]) -> String {
    serde_json::to_string(strings).expect("strings serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let page = inject(b"<body><pre></body></pre></BODY></html>");
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<body><pre></body></pre><script data-ayuda-reload"), "{page}");
        assert!(page.ends_with("></script></BODY></html>"), "{page}");
        assert!(String::from_utf8(inject(b"<p>x")).unwrap().ends_with("</script>"));
    }

    #[test]
    fn the_overlay_has_its_words_in_both_languages_of_the_theme() {
        let text = tag().split("data-text=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
        let words: serde_json::Value =
            serde_json::from_str(&text.replace("&quot;", "\"").replace("&amp;", "&")).unwrap();
        assert_eq!(words["es"]["failed_one"], "El sitio no se pudo generar: 1 error");
        assert_eq!(words["en"]["failed_many"], "The build failed: {n} errors");
    }
}
