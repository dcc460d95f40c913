//! The theme's own words in each language, and dates written the way people read them.

use chrono::{Datelike, NaiveDate};
use markdown::Labels;
use serde::Serialize;
use std::sync::OnceLock;
use text::Language;

/// What the "was this helpful?" widget says.
#[derive(Clone, Debug, Serialize)]
pub struct FeedbackText {
    pub article: &'static str,
    pub answer: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub why: &'static str,
    pub outdated: &'static str,
    pub unclear: &'static str,
    pub missing_steps: &'static str,
    pub other: &'static str,
    pub comment: &'static str,
    pub send: &'static str,
    pub thanks: &'static str,
    /// The subject of the e-mail a "No" writes, before the page's title.
    pub mail_subject: &'static str,
    /// The line of that e-mail that gives the page's address.
    pub mail_page: &'static str,
}

/// What the page's search script says; `{q}` is the query, `{n}` a number.
#[derive(Clone, Debug, Serialize)]
pub struct SearchScriptText {
    /// No page matches.
    pub none: &'static str,
    /// No page has every word: the results have most of them.
    pub partial: &'static str,
    /// One result.
    pub one: &'static str,
    /// `{n}` results.
    pub many: &'static str,
    /// At least `{n}` results: the long lists of common words were not read to the end.
    pub at_least: &'static str,
    /// The box shows the best results, and the index was not read to the end.
    pub more: &'static str,
    /// The box's link to the search page with every result, when their number is not known.
    pub all: &'static str,
    /// The box's link to the search page with its `{n}` results, more than the box shows.
    pub all_count: &'static str,
    /// The engine or the index could not be loaded.
    pub error: &'static str,
    /// The search page's title, `{t}`, with the query `{q}`.
    pub title: &'static str,
}

/// What the script of code blocks says.
#[derive(Clone, Debug, Serialize)]
pub struct CodeScriptText {
    /// The name of a code block, followed by its language when it has one.
    pub code: &'static str,
    /// The copy button.
    pub copy: &'static str,
    /// The code is on the clipboard.
    pub copied: &'static str,
    /// The browser refused to copy it.
    pub copy_failed: &'static str,
}

/// What the home page's lists, the footer and the contact page say.
#[derive(Clone, Debug, Serialize)]
pub struct SupportText {
    /// The home's featured articles, and its most asked questions.
    pub featured: &'static str,
    pub questions: &'static str,
    /// The footer's headings and links.
    pub footer_support: &'static str,
    pub footer_hours: &'static str,
    pub sla: &'static str,
    /// The contact page: its title and folder (`/contacto/`, `/en/contact/`).
    pub contact: &'static str,
    pub contact_slug: &'static str,
    pub contact_lead: &'static str,
    /// What the contact page is, for search engines (its `<meta name="description">`).
    pub contact_description: &'static str,
    /// The box where the reader writes their question's subject, and what appears under it.
    pub subject: &'static str,
    pub subject_hint: &'static str,
    pub suggestions: &'static str,
    /// No article matched the subject: write to support.
    pub no_suggestions: &'static str,
    pub who: &'static str,
    pub hours: &'static str,
    /// The link to the SLA page's calculator.
    pub calculator: &'static str,
}

/// Interface text for one language, given to templates as `t`.
#[derive(Clone, Debug, Serialize)]
pub struct Strings {
    pub skip_to_content: &'static str,
    pub menu: &'static str,
    pub open_menu: &'static str,
    /// The button that closes the menu drawer on a narrow screen.
    pub close_menu: &'static str,
    /// What the code blocks' script says, given to it as JSON.
    pub code_script: CodeScriptText,
    pub breadcrumbs: &'static str,
    pub home: &'static str,
    pub on_this_page: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub related: &'static str,
    pub articles: &'static str,
    pub subsections: &'static str,
    pub see_all: &'static str,
    pub language: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    /// The announcement's region, and its dismiss button.
    pub banner: &'static str,
    pub banner_dismiss: &'static str,
    /// The "was this helpful?" widget: its question (of an article, of a FAQ answer), the
    /// answers, the reasons a "No" may give, the comment, and what it says once sent.
    pub feedback: FeedbackText,
    /// The home page's search form.
    pub home_search: &'static str,
    /// The 404 page's search form, and its list of the first sections.
    pub not_found_search: &'static str,
    pub not_found_sections: &'static str,
    pub redirecting: &'static str,
    pub sections: &'static str,
    pub feed: &'static str,
    /// The search page's title, and its button.
    pub search: &'static str,
    /// The search box's label.
    pub search_label: &'static str,
    /// The search box's placeholder.
    pub search_placeholder: &'static str,
    /// The search page's folder: `/buscar/`, `/en/search/`.
    pub search_slug: &'static str,
    /// The name of the list of results.
    pub search_results: &'static str,
    /// What the search page says when JavaScript does not run.
    pub search_needs_js: &'static str,
    /// The title of the search page's list of every section and article.
    pub search_index: &'static str,
    /// What the page's search script says, given to it as JSON.
    pub search_script: SearchScriptText,
    /// The home's lists, the footer and the contact page.
    pub support: SupportText,
    /// The words that rendered Markdown carries.
    pub labels: Labels,
}

const ES: Strings = Strings {
    skip_to_content: "Saltar al contenido",
    menu: "Barra de menú",
    open_menu: "Menú",
    close_menu: "Cerrar el menú",
    code_script: CodeScriptText { code: "Código", copy: "Copiar", copied: "Copiado", copy_failed: "No se pudo copiar" },
    breadcrumbs: "Ruta de navegación",
    home: "Inicio",
    on_this_page: "En esta página",
    previous: "Anterior",
    next: "Siguiente",
    related: "Artículos relacionados",
    articles: "Artículos",
    subsections: "Secciones",
    see_all: "Ver todos",
    language: "Idioma",
    not_found_title: "Página no encontrada",
    not_found_text: "La página que busca no existe o cambió de dirección.",
    feedback: FeedbackText {
        article: "¿Le fue útil este artículo?",
        answer: "¿Le fue útil esta respuesta?",
        yes: "Sí",
        no: "No",
        why: "¿Qué le faltó?",
        outdated: "Está desactualizado",
        unclear: "No es claro",
        missing_steps: "Faltan pasos",
        other: "Otra razón",
        comment: "Comentario (opcional)",
        send: "Enviar",
        thanks: "Gracias por su respuesta.",
        mail_subject: "Comentario sobre",
        mail_page: "Página",
    },
    banner: "Anuncio",
    banner_dismiss: "Cerrar el anuncio",
    home_search: "¿Qué necesita saber?",
    not_found_search: "Busque lo que necesitaba",
    not_found_sections: "Secciones principales",
    redirecting: "Esta página cambió de dirección. Si no se abre sola, siga este enlace:",
    sections: "Secciones del centro de ayuda",
    feed: "Artículos actualizados",
    search: "Buscar",
    search_label: "Buscar en la ayuda",
    search_placeholder: "Buscar…",
    search_slug: "buscar",
    search_results: "Resultados de la búsqueda",
    search_needs_js: "La búsqueda necesita JavaScript y no pudo empezar en este navegador: JavaScript está desactivado o sus archivos no se cargaron. Aquí están todas las secciones y artículos de la ayuda.",
    search_index: "Todas las secciones y artículos",
    search_script: SearchScriptText {
        none: "No hay resultados para «{q}».",
        partial: "Ninguna página tiene todas las palabras; estas tienen la mayoría.",
        one: "1 resultado",
        many: "{n} resultados",
        at_least: "{n} resultados o más",
        more: "Los mejores resultados; la página de búsqueda los tiene todos.",
        all: "Ver todos los resultados",
        all_count: "Ver los {n} resultados",
        error: "La búsqueda no está disponible en este momento.",
        title: "«{q}» · {t}",
    },
    support: SupportText {
        featured: "Artículos destacados",
        questions: "Preguntas más frecuentes",
        footer_support: "Soporte",
        footer_hours: "Horario de atención",
        sla: "Acuerdo de niveles de servicio",
        contact: "Contactar a soporte",
        contact_slug: "contacto",
        contact_lead: "Antes de escribirnos, cuéntenos sobre qué es su pregunta: quizá un artículo ya la responde.",
        contact_description: "Cómo contactar a soporte: quién atiende cada tipo de solicitud, el horario de atención y los plazos de respuesta.",
        subject: "¿Sobre qué es su pregunta?",
        subject_hint: "Por ejemplo: restablecer contraseña, exportar un informe.",
        suggestions: "Artículos que pueden responderla",
        no_suggestions: "No encontramos artículos sobre eso. Escríbanos: el equipo de soporte le responde.",
        who: "Quién atiende cada solicitud",
        hours: "Cuándo atendemos",
        calculator: "Calcule cuándo vence la respuesta a su ticket",
    },
    labels: Labels {
        anchor: "Enlace a esta sección",
        table: "Tabla",
        note: "Nota",
        tip: "Consejo",
        important: "Importante",
        warning: "Advertencia",
        caution: "Precaución",
    },
};

const EN: Strings = Strings {
    skip_to_content: "Skip to content",
    menu: "Menu bar",
    open_menu: "Menu",
    close_menu: "Close the menu",
    code_script: CodeScriptText { code: "Code", copy: "Copy", copied: "Copied", copy_failed: "Could not copy" },
    breadcrumbs: "Breadcrumbs",
    home: "Home",
    on_this_page: "On this page",
    previous: "Previous",
    next: "Next",
    related: "Related articles",
    articles: "Articles",
    subsections: "Sections",
    see_all: "See all",
    language: "Language",
    not_found_title: "Page not found",
    not_found_text: "The page you are looking for does not exist or has moved.",
    feedback: FeedbackText {
        article: "Was this article helpful?",
        answer: "Was this answer helpful?",
        yes: "Yes",
        no: "No",
        why: "What was missing?",
        outdated: "It is out of date",
        unclear: "It is unclear",
        missing_steps: "Steps are missing",
        other: "Something else",
        comment: "Comment (optional)",
        send: "Send",
        thanks: "Thank you for your answer.",
        mail_subject: "Feedback on",
        mail_page: "Page",
    },
    banner: "Announcement",
    banner_dismiss: "Dismiss the announcement",
    home_search: "What do you need to know?",
    not_found_search: "Search for what you needed",
    not_found_sections: "Main sections",
    redirecting: "This page has moved. If it does not open by itself, follow this link:",
    sections: "Help center sections",
    feed: "Updated articles",
    search: "Search",
    search_label: "Search the help center",
    search_placeholder: "Search…",
    search_slug: "search",
    search_results: "Search results",
    search_needs_js: "Search needs JavaScript and could not start in this browser: JavaScript is turned off or its files did not load. Here are all the sections and articles of the help center.",
    search_index: "All sections and articles",
    search_script: SearchScriptText {
        none: "No results for “{q}”.",
        partial: "No page has every word; these have most of them.",
        one: "1 result",
        many: "{n} results",
        at_least: "{n} or more results",
        more: "The best results; the search page has them all.",
        all: "See all results",
        all_count: "See all {n} results",
        error: "Search is not available right now.",
        title: "“{q}” · {t}",
    },
    support: SupportText {
        featured: "Featured articles",
        questions: "Most asked questions",
        footer_support: "Support",
        footer_hours: "Support hours",
        sla: "Service-level agreement",
        contact: "Contact support",
        contact_slug: "contact",
        contact_lead: "Before you write to us, tell us what your question is about: an article may already answer it.",
        contact_description: "How to contact support: who handles each kind of request, the support hours and the response times.",
        subject: "What is your question about?",
        subject_hint: "For example: reset a password, export a report.",
        suggestions: "Articles that may answer it",
        no_suggestions: "We found no articles about that. Write to us: the support team will answer.",
        who: "Who handles each request",
        hours: "When we work",
        calculator: "Work out when the answer to your ticket is due",
    },
    labels: Labels {
        anchor: "Link to this section",
        table: "Table",
        note: "Note",
        tip: "Tip",
        important: "Important",
        warning: "Warning",
        caution: "Caution",
    },
};

/// What `ayuda serve` says over a page while the site has errors (the errors themselves stay
/// as the build writes them); `{n}` is a number.
#[derive(Debug, Serialize)]
pub struct PreviewText {
    /// The heading, for one error.
    pub failed_one: &'static str,
    /// The heading, for `{n}` errors.
    pub failed_many: &'static str,
    /// Under the errors: what is served meanwhile.
    pub kept: &'static str,
}

const PREVIEW_ES: PreviewText = PreviewText {
    failed_one: "El sitio no se pudo generar: 1 error",
    failed_many: "El sitio no se pudo generar: {n} errores",
    kept:
        "Se sigue mostrando la última versión correcta. Este aviso desaparece cuando se corrijan los errores.",
};

const PREVIEW_EN: PreviewText = PreviewText {
    failed_one: "The build failed: 1 error",
    failed_many: "The build failed: {n} errors",
    kept: "The last good version is still served. This goes away when the errors are fixed.",
};

/// The preview's text for a language (English for languages the theme does not know).
pub fn preview_text(language: &str) -> &'static PreviewText {
    by_text(language, &PREVIEW_ES, &PREVIEW_EN)
}

/// The interface text for a language (English for languages the theme does not know).
pub fn strings(language: &str) -> &'static Strings {
    by_text(language, &ES, &EN)
}

/// A template context holding `t`, the interface text of `language` ([`strings`]). Made once
/// per text: copying it is cheaper than serialising its fields for every page and menu.
pub fn text_context(language: &str) -> tera::Context {
    static CONTEXTS: [OnceLock<tera::Context>; 2] = [OnceLock::new(), OnceLock::new()];
    let context = by_text(language, &CONTEXTS[0], &CONTEXTS[1]).get_or_init(|| {
        let mut context = tera::Context::new();
        context.insert("t", strings(language));
        context
    });
    context.clone()
}

/// Whether the theme speaks Spanish in `language` (`es`, `es-CO`…); in every other
/// language it speaks English.
pub(crate) fn in_spanish(language: &str) -> bool {
    Language::from_tag(language) == Language::Spanish
}

/// What goes with the Spanish text, or with the English one (every other language).
fn by_text<T>(language: &str, es: T, en: T) -> T {
    if in_spanish(language) {
        es
    } else {
        en
    }
}

/// The name of a language in itself, for the language switch: `Español` for `es` and `es-CO`;
/// the tag as written for a language it does not know.
pub fn language_name(language: &str) -> &str {
    match text::primary_subtag(language).to_ascii_lowercase().as_str() {
        "es" => "Español",
        "en" => "English",
        "pt" => "Português",
        "fr" => "Français",
        _ => language,
    }
}

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's name: "febrero", "February".
pub fn month_name(language: &str, date: NaiveDate) -> &'static str {
    by_text(language, MONTHS_ES, MONTHS_EN)[date.month0() as usize]
}

/// "Actualizado el 18 de febrero de 2025" / "Updated February 18, 2025".
pub fn updated_on(language: &str, date: NaiveDate) -> String {
    let month = month_name(language, date);
    if in_spanish(language) {
        format!("Actualizado el {} de {month} de {}", date.day(), date.year())
    } else {
        format!("Updated {month} {}, {}", date.day(), date.year())
    }
}

/// "Tiempo estimado de lectura: 1 minuto" / "1 min read".
pub fn reading_time(language: &str, minutes: usize) -> String {
    match (in_spanish(language), minutes) {
        (true, 1) => "Tiempo estimado de lectura: 1 minuto".to_owned(),
        (true, n) => format!("Tiempo estimado de lectura: {n} minutos"),
        (false, n) => format!("{n} min read"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_reading_times_read_naturally() {
        let date = NaiveDate::from_ymd_opt(2025, 2, 18).unwrap();
        assert_eq!(updated_on("es", date), "Actualizado el 18 de febrero de 2025");
        assert_eq!(updated_on("en", date), "Updated February 18, 2025");
        assert_eq!(reading_time("es", 1), "Tiempo estimado de lectura: 1 minuto");
        assert_eq!(reading_time("es", 4), "Tiempo estimado de lectura: 4 minutos");
        assert_eq!(reading_time("en", 1), "1 min read");
    }
}
