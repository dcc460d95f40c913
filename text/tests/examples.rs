//! Examples that pin what the analyser makes of help-center text and queries.

use text::{Analyzer, Prefix, Token};

/// Each token as `exact`, then `=folded` if it differs, `>stem` if it differs from the
/// folded form, `!` for a stop word and `~` for a part of a compound.
fn show(tokens: &[Token]) -> Vec<String> {
    tokens
        .iter()
        .map(|t| {
            let mut s = t.exact.clone();
            if t.folded != t.exact {
                s += &format!("={}", t.folded);
            }
            if t.stem != t.folded {
                s += &format!(">{}", t.stem);
            }
            if t.stop {
                s += "!";
            }
            if t.part {
                s += "~";
            }
            s
        })
        .collect()
}

fn analyze(language: &str, text: &str) -> Vec<Token> {
    let tokens: Vec<Token> = Analyzer::for_language(language).analyze(text).collect();
    for (i, token) in tokens.iter().enumerate() {
        assert_eq!(token.position as usize, i, "positions count tokens");
    }
    tokens
}

fn forms(language: &str, text: &str) -> Vec<String> {
    show(&analyze(language, text))
}

#[test]
fn spanish_help_center_sentence() {
    assert_eq!(
        forms("es", "¿Cómo exporto las facturas del mes? Abra «Facturación» y pulse Exportar."),
        [
            "cómo=como>com!",
            "exporto>export",
            "las!",
            "facturas>factur",
            "del!",
            "mes",
            "abra",
            "facturación=facturacion>factur",
            "y!",
            "pulse>puls",
            "exportar>export",
        ]
    );
}

#[test]
fn english_help_center_sentence() {
    assert_eq!(
        forms("en", "If you don't see the user's invoices, check their billing settings."),
        [
            "if!",
            "you!",
            "don't=dont",
            "see",
            "the!",
            "user's=users>user",
            "invoices>invoic",
            "check",
            "their!",
            "billing>bill",
            "settings>set",
        ]
    );
}

#[test]
fn accents_keep_an_exact_form() {
    let tokens = analyze("es", "Facturación ÁGIL");
    assert_eq!(show(&tokens), ["facturación=facturacion>factur", "ágil=agil"]);
}

#[test]
fn spanish_stems_accented_and_unaccented_alike() {
    for word in ["facturación", "facturacion", "FACTURAR", "facturas", "Facturaciones"] {
        let tokens = analyze("es", word);
        assert_eq!(tokens[0].stem, "factur", "{word}");
    }
    for (a, b) in [
        ("configuración", "configuracion"),
        ("contraseña", "contrasena"),
        ("búsqueda", "busqueda"),
        ("recibió", "recibio"),
        ("tecnología", "tecnologia"),
    ] {
        assert_eq!(analyze("es", a)[0].stem, analyze("es", b)[0].stem, "{a} and {b}");
    }
}

#[test]
fn stemming_after_folding_loses_some_accented_verb_forms() {
    // Snowball reads `-ió` as a past tense only with its accent; folded, it does not.
    assert_eq!(analyze("es", "recibió")[0].stem, "recibi");
    assert_eq!(analyze("es", "recibir")[0].stem, "recib");
}

#[test]
fn numbers_and_codes() {
    assert_eq!(forms("es", "Certificado ISO 9001"), ["certificado>certific", "iso", "9001"]);
    assert_eq!(
        forms("en", "HTTP 429: too many requests"),
        ["http", "429", "too", "many>mani", "requests>request"]
    );
    assert_eq!(forms("es", "Radique una PQRS"), ["radique>radiqu", "una!", "pqrs"]);
    assert_eq!(
        forms("en", "v2.0 and 1.5.3 at 10:30 on 2025-02-21 (21/02/2025)"),
        ["v2.0", "and!", "1.5.3", "at!", "10:30", "on!", "2025-02-21", "21/02/2025"]
    );
    assert_eq!(forms("es", "disponibilidad del 99,9 %"), ["disponibilidad>disponibil", "del!", "99,9"]);
}

#[test]
fn hyphenated_compounds_give_the_whole_then_the_parts() {
    assert_eq!(forms("en", "Send an e-mail"), ["send", "an!", "e-mail=email", "e~", "mail~"]);
    assert_eq!(
        forms("es", "Escriba al correo-e de soporte"),
        ["escriba>escrib", "al!", "correo-e=correoe>correo", "correo>corre~", "e!~", "de!", "soporte>soport"]
    );
    assert_eq!(
        forms("en", "COVID-19 check-in"),
        ["covid-19=covid19", "covid~", "19~", "check-in=checkin", "check~", "in!~"]
    );
    let tokens = analyze("en", "an e\u{2010}mail");
    assert_eq!(tokens[1].exact, "e-mail", "typographic hyphen written as ASCII");
    assert_eq!(tokens.iter().map(|t| t.range.clone()).collect::<Vec<_>>(), [0..2, 3..11, 3..4, 7..11]);
}

#[test]
fn email_finds_e_mail_both_ways() {
    let en = Analyzer::for_language("en");
    let folded = |text: &str| en.analyze(text).filter(|t| !t.part).map(|t| t.folded).collect::<Vec<_>>();
    assert_eq!(folded("e-mail"), folded("email"));
}

#[test]
fn stop_words_are_flagged_not_dropped() {
    let tokens = analyze("es", "el de la");
    assert!(tokens.iter().all(|t| t.stop));
    assert_eq!(tokens.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 1, 2]);
    assert!(!analyze("es", "no puedo entrar")[0].stop, "negation is not a stop word");
    assert!(!analyze("en", "not")[0].stop);
}

#[test]
fn unknown_language_normalises_only() {
    let analyzer = Analyzer::for_language("fr");
    assert_eq!(analyzer.language(), None);
    let tokens: Vec<Token> = analyzer.analyze("Les Factures à PAYER").collect();
    assert_eq!(show(&tokens), ["les", "factures", "à=a", "payer"]);
    assert_eq!(Analyzer::for_language("es-CO").language(), Some("es"));
    assert_eq!(Analyzer::for_language("EN").language(), Some("en"));
}

#[test]
fn ranges_slice_the_original_text() {
    let text = "Él añadió “Facturación”: ¡ÁGIL! 🚀 naïve";
    let tokens = analyze("es", text);
    let sources: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    assert_eq!(sources, ["Él", "añadió", "Facturación", "ÁGIL", "naïve"]);
}

#[test]
fn ranges_cover_decomposed_letters() {
    // "café" with a decomposed é: NFC makes the exact form one letter shorter than the
    // source, and the range covers the source: `e` and the combining acute accent.
    let text = "cafe\u{301} solo";
    let tokens = analyze("es", text);
    assert_eq!(tokens[0].exact, "café");
    assert_eq!(tokens[0].folded, "cafe");
    assert_eq!(tokens[0].range, 0..6);
    assert_eq!(&text[tokens[0].range.clone()], "cafe\u{301}");
    assert_eq!(tokens[1].range, 7..11);
    assert_eq!(analyze("es", "cafe\u{301}")[0], Token { range: 0..6, ..analyze("es", "café")[0].clone() });
}

#[test]
fn words_that_fold_to_nothing_are_not_tokens() {
    // A lone modifier apostrophe is a letter with nothing to match.
    assert_eq!(forms("es", "ʼ (Ñ)"), ["ñ=n"]);
    assert_eq!(analyze("es", "ʼ (Ñ)")[0].range, 4..6);
    assert_eq!(Analyzer::for_language("es").analyze_query("hola ʼ").prefix, None);
}

#[test]
fn punctuation_and_emoji_are_not_tokens() {
    assert_eq!(forms("en", "— Done! ✅ 👍🏽 (see “FAQ”)…"), ["done", "see", "faq"]);
    assert!(analyze("en", "¡¿…?! 🎉 -- / .").is_empty());
}

#[test]
fn a_query_has_terms_and_maybe_a_prefix() {
    let es = Analyzer::for_language("es");
    let query = es.analyze_query("exportar las factu");
    assert_eq!(show(&query.terms), ["exportar>export", "las!"]);
    assert_eq!(
        query.prefix,
        Some(Prefix { exact: "factu".into(), folded: "factu".into(), range: 13..18, position: 2 })
    );

    let finished = es.analyze_query("exportar facturas ");
    assert_eq!(show(&finished.terms), ["exportar>export", "facturas>factur"]);
    assert_eq!(finished.prefix, None);
    assert_eq!(es.analyze_query("¿cómo exporto?").prefix, None);
}

#[test]
fn a_prefix_is_not_stemmed_split_or_stopped() {
    let es = Analyzer::for_language("es");
    let prefix = es.analyze_query("Configuració").prefix.unwrap();
    assert_eq!((prefix.exact.as_str(), prefix.folded.as_str()), ("configuració", "configuracio"));
    let prefix = es.analyze_query("enviar un e-ma").prefix.unwrap();
    assert_eq!((prefix.exact.as_str(), prefix.folded.as_str(), prefix.position), ("e-ma", "ema", 2));
    assert_eq!(es.analyze_query("la").prefix.unwrap().folded, "la");
    assert!(es.analyze_query("").terms.is_empty() && es.analyze_query("").prefix.is_none());
}

#[test]
fn a_query_is_analysed_like_a_text() {
    let en = Analyzer::for_language("en");
    let text = "Reset the user's password, then sign-in again.";
    let query = en.analyze_query(&format!("{text} "));
    assert_eq!(query.terms, en.analyze(text).collect::<Vec<_>>());
}
