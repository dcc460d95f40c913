//! The SLA policy as template data, in one language: what the SLA shortcodes render.

use calculator::{civil::weekday_index, Policy};
use chrono::Datelike;
use serde::Serialize;

/// The policy for templates (`sla` in shortcode templates).
#[derive(Serialize)]
pub struct SlaView {
    priorities: Vec<PriorityView>,
    hours: Vec<HoursRow>,
    request_types: Vec<RequestTypeView>,
    definitive_fix_days: Option<u32>,
    timezone: String,
    utc_offset: String,
    holidays: Vec<HolidayYear>,
    /// The length of a business day in seconds: the calculator says "days" past 24 business
    /// hours.
    business_day_seconds: i64,
    text: &'static SlaText,
}

#[derive(Serialize)]
struct PriorityView {
    id: String,
    name: String,
    description: String,
    response: String,
    resolution: String,
}

#[derive(Serialize)]
pub(crate) struct HoursRow {
    days: String,
    /// Each opening interval, `07:30–12:30`, kept on one line by the template.
    intervals: Vec<String>,
}

#[derive(Serialize)]
struct RequestTypeView {
    id: String,
    name: String,
    role: String,
    email: String,
}

#[derive(Serialize)]
struct HolidayYear {
    year: i32,
    days: Vec<HolidayView>,
}

#[derive(Serialize)]
struct HolidayView {
    date: String,
    date_text: String,
    name: String,
}

/// Labels of the SLA shortcodes.
#[derive(Serialize)]
pub struct SlaText {
    priority: &'static str,
    response: &'static str,
    resolution: &'static str,
    response_lower: &'static str,
    resolution_lower: &'static str,
    targets_caption: &'static str,
    hours_caption: &'static str,
    days: &'static str,
    hours: &'static str,
    /// Between two opening intervals: " y ", " and ".
    and: &'static str,
    zone_sentence_template: &'static str,
    holidays_summary: &'static str,
    escalation_caption: &'static str,
    request_type: &'static str,
    contact: &'static str,
    email: &'static str,
    calculator_title: &'static str,
    calculator_static: &'static str,
    created_legend: &'static str,
    created_label: &'static str,
    zone_label: &'static str,
    zone_local: &'static str,
    zone_support: &'static str,
    help_choose: &'static str,
    help_intro: &'static str,
    help_down: &'static str,
    help_workaround: &'static str,
    help_display: &'static str,
    type_none: &'static str,
    workaround_label: &'static str,
    clock_start: &'static str,
    response_due: &'static str,
    resolution_due: &'static str,
    escalation_label: &'static str,
    definitive_fix_label: &'static str,
    share_link: &'static str,
    add_calendar: &'static str,
    /// The name of the downloaded calendar file.
    calendar_file: &'static str,
    js_text: JsText,
}

/// Messages of the calculator's script.
#[derive(Serialize)]
pub struct JsText {
    business_hours: &'static str,
    outside_business_hours: &'static str,
    closed_day: &'static str,
    holiday: &'static str,
    left: &'static str,
    overdue: &'static str,
    in_your_zone: &'static str,
    zone_hint: &'static str,
    invalid_date: &'static str,
    hours_short: &'static str,
    minutes_short: &'static str,
    /// Past 24 business hours, time left and overdue are said in business days.
    left_days: Plural,
    overdue_days: Plural,
    ics_response: &'static str,
    ics_resolution: &'static str,
    /// The engine's errors by code (`invalid_time` by its `problem`), with `{field}` for
    /// the error's fields.
    errors: ErrorText,
}

/// A text with a number `{n}`, by the number's plural category (`Intl.PluralRules`).
#[derive(Serialize)]
pub struct Plural {
    one: &'static str,
    other: &'static str,
}

/// The engine's errors in one language, one per code of `calculator::SlaError` (and of
/// `calculator::TimeProblem` for a bad time).
#[derive(Serialize)]
pub struct ErrorText {
    empty: &'static str,
    shape: &'static str,
    fraction: &'static str,
    offset_shape: &'static str,
    offset_range: &'static str,
    year_out_of_range: &'static str,
    not_a_date: &'static str,
    not_a_time_of_day: &'static str,
    skipped: &'static str,
    ambiguous: &'static str,
    unknown_priority: &'static str,
    unknown_request_type: &'static str,
    no_business_time: &'static str,
    beyond_calendar: &'static str,
    no_definitive_fix: &'static str,
    workaround_before_creation: &'static str,
}

const TEXT_ES: SlaText = SlaText {
    priority: "Prioridad",
    response: "Respuesta",
    resolution: "Solución",
    response_lower: "respuesta en",
    resolution_lower: "solución en",
    targets_caption: "Tiempos máximos en horas hábiles",
    hours_caption: "Horario de atención",
    days: "Días",
    hours: "Horario",
    and: " y ",
    zone_sentence_template: "Horas en la zona horaria {zone}. Los días festivos no hay atención y no cuentan como tiempo hábil.",
    holidays_summary: "Días festivos sin atención",
    escalation_caption: "Escalamiento por tipo de solicitud",
    request_type: "Tipo de solicitud",
    contact: "Contacto",
    email: "Correo electrónico",
    calculator_title: "Calcule los plazos de su ticket",
    calculator_static: "La calculadora interactiva necesita JavaScript. Sin él, cuente las horas hábiles desde la creación del ticket con estos tiempos:",
    created_legend: "Creación del ticket",
    created_label: "Fecha y hora de creación",
    zone_label: "Zona horaria de la fecha",
    zone_local: "Mi zona horaria",
    zone_support: "Zona horaria de soporte",
    help_choose: "Ayúdeme a elegir la prioridad",
    help_intro: "Elija lo que mejor describe su caso:",
    help_down: "El servicio completo o un módulo no funciona, o una falla bloquea una tarea crítica",
    help_workaround: "Hay una falla, pero puedo hacer la tarea por otra función",
    help_display: "Es solo un error de visualización o de presentación",
    type_none: "Ninguno",
    workaround_label: "Se aplicó una solución temporal el (opcional)",
    clock_start: "Inicio del conteo",
    response_due: "Respuesta a más tardar",
    resolution_due: "Solución a más tardar",
    escalation_label: "Si el plazo se vence, escale a",
    definitive_fix_label: "Solución definitiva a más tardar",
    share_link: "Enlace a este cálculo",
    add_calendar: "Agregar al calendario (.ics)",
    calendar_file: "plazos-ticket.ics",
    js_text: JsText {
        business_hours: "",
        outside_business_hours: "el ticket se creó fuera del horario de atención",
        closed_day: "el ticket se creó en un día sin atención",
        holiday: "el ticket se creó en un festivo",
        left: "quedan {time} hábiles",
        overdue: "vencido hace {time} hábiles",
        in_your_zone: "en su zona horaria:",
        zone_hint: "Se interpreta en la zona horaria {zone}.",
        invalid_date: "Esa fecha u hora no es válida.",
        hours_short: "h",
        minutes_short: "min",
        left_days: Plural { one: "queda {n} día hábil", other: "quedan {n} días hábiles" },
        overdue_days: Plural { one: "vencido hace {n} día hábil", other: "vencido hace {n} días hábiles" },
        ics_response: "Respuesta del ticket (plazo)",
        ics_resolution: "Solución del ticket (plazo)",
        errors: ErrorText {
            empty: "Escriba la fecha y la hora de creación.",
            shape: "«{text}» no es una fecha y hora válida; escríbala como 2025-02-21T16:10:00-05:00.",
            fraction: "«{text}» tiene fracciones de segundo; use segundos enteros.",
            offset_shape: "«{text}»: la diferencia con UTC se escribe ±HH:MM (por ejemplo -05:00) o Z.",
            offset_range: "«{text}»: la diferencia con UTC está fuera de rango.",
            year_out_of_range: "El año {year} está fuera del rango que admite la calculadora ({first}–{last}).",
            not_a_date: "El {date} no existe en el calendario.",
            not_a_time_of_day: "{time} no es una hora del día.",
            skipped: "Esa hora no existe en {zone} (ese día se adelantaron los relojes). Elija otra hora.",
            ambiguous: "Esa hora ocurre dos veces en {zone} (ese día se atrasaron los relojes). Indique cuál: {first} o {second}.",
            unknown_priority: "La prioridad «{given}» no existe. Elija una: {valid}.",
            unknown_request_type: "El tipo de solicitud «{given}» no existe. Elija uno de la lista.",
            no_business_time: "No hay horario de atención en los {days} días que siguen a {after}.",
            beyond_calendar: "El cálculo pasa de {last_year}, el último año que cubre la calculadora.",
            no_definitive_fix: "La política no fija un plazo para la solución definitiva.",
            workaround_before_creation: "La solución temporal ({workaround}) es anterior a la creación del ticket ({created}).",
        },
    },
};

const TEXT_EN: SlaText = SlaText {
    priority: "Priority",
    response: "Response",
    resolution: "Resolution",
    response_lower: "response within",
    resolution_lower: "resolution within",
    targets_caption: "Maximum times in business hours",
    hours_caption: "Support hours",
    days: "Days",
    hours: "Hours",
    and: " and ",
    zone_sentence_template: "Times are in {zone}. There is no support on public holidays, and they do not count as business time.",
    holidays_summary: "Public holidays without support",
    escalation_caption: "Escalation by request type",
    request_type: "Request type",
    contact: "Contact",
    email: "E-mail",
    calculator_title: "Work out your ticket's deadlines",
    calculator_static: "The interactive calculator needs JavaScript. Without it, count business hours from the ticket's creation with these times:",
    created_legend: "Ticket creation",
    created_label: "Creation date and time",
    zone_label: "Time zone of the date",
    zone_local: "My time zone",
    zone_support: "Support time zone",
    help_choose: "Help me choose the priority",
    help_intro: "Pick what best describes your case:",
    help_down: "The whole service or a module is down, or a failure blocks a critical task",
    help_workaround: "Something fails, but I can do the task through another function",
    help_display: "It is only a display or presentation error",
    type_none: "None",
    workaround_label: "A temporary workaround was applied on (optional)",
    clock_start: "Clock starts",
    response_due: "Response due by",
    resolution_due: "Resolution due by",
    escalation_label: "If a deadline is missed, escalate to",
    definitive_fix_label: "Definitive fix due by",
    share_link: "Link to this calculation",
    add_calendar: "Add to calendar (.ics)",
    calendar_file: "ticket-deadlines.ics",
    js_text: JsText {
        business_hours: "",
        outside_business_hours: "the ticket was created outside support hours",
        closed_day: "the ticket was created on a day without support",
        holiday: "the ticket was created on a public holiday",
        left: "{time} of business time left",
        overdue: "overdue by {time} of business time",
        in_your_zone: "in your time zone:",
        zone_hint: "Read in the {zone} time zone.",
        invalid_date: "That date or time is not valid.",
        hours_short: "h",
        minutes_short: "min",
        left_days: Plural { one: "{n} business day left", other: "{n} business days left" },
        overdue_days: Plural { one: "overdue by {n} business day", other: "overdue by {n} business days" },
        ics_response: "Ticket response (deadline)",
        ics_resolution: "Ticket resolution (deadline)",
        errors: ErrorText {
            empty: "Enter the creation date and time.",
            shape: "“{text}” is not a valid date and time; write it like 2025-02-21T16:10:00-05:00.",
            fraction: "“{text}” has fractions of a second; use whole seconds.",
            offset_shape: "“{text}”: the offset from UTC is written ±HH:MM (e.g. -05:00) or Z.",
            offset_range: "“{text}”: the offset from UTC is out of range.",
            year_out_of_range: "The year {year} is outside the range the calculator accepts ({first}–{last}).",
            not_a_date: "{date} is not a date in the calendar.",
            not_a_time_of_day: "{time} is not a time of day.",
            skipped: "That time does not exist in {zone} (the clocks went forward that day). Pick another time.",
            ambiguous: "That time happens twice in {zone} (the clocks went back that day). Say which: {first} or {second}.",
            unknown_priority: "There is no priority “{given}”. Choose one: {valid}.",
            unknown_request_type: "There is no request type “{given}”. Choose one from the list.",
            no_business_time: "There are no support hours in the {days} days after {after}.",
            beyond_calendar: "The calculation runs past {last_year}, the last year the calculator covers.",
            no_definitive_fix: "The policy sets no period for the definitive fix.",
            workaround_before_creation: "The temporary workaround ({workaround}) is dated before the ticket was created ({created}).",
        },
    },
};

const DAY_NAMES_ES: [&str; 7] = ["Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo"];
const DAY_NAMES_EN: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Business time in words: "2 horas", "1 hora 30 minutos", "8 hours".
pub fn business_duration(seconds: i64, language: &str) -> String {
    let (h, m) = (seconds / 3600, seconds / 60 % 60);
    let es = crate::i18n::in_spanish(language);
    let unit = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let hours = if es { unit(h, "hora", "horas") } else { unit(h, "hour", "hours") };
    let minutes = if es { unit(m, "minuto", "minutos") } else { unit(m, "minute", "minutes") };
    match (h, m) {
        (_, 0) => hours,
        (0, _) => minutes,
        _ => format!("{hours} {minutes}"),
    }
}

impl SlaView {
    /// The policy in `language`, with the holidays of `years`.
    pub fn new(policy: &Policy, language: &str, years: std::ops::RangeInclusive<i32>) -> SlaView {
        let es = crate::i18n::in_spanish(language);
        let text = if es { &TEXT_ES } else { &TEXT_EN };
        let day_names = if es { DAY_NAMES_ES } else { DAY_NAMES_EN };
        let to = if es { " a " } else { " to " };
        // Weekdays with the same hours, in runs: "Lunes a viernes".
        let mut hours: Vec<HoursRow> = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        let describe = |day: usize| {
            policy.schedule.day(day).iter().map(|iv| iv.to_string().replace('-', "–")).collect::<Vec<_>>()
        };
        for day in 0..=7 {
            let same = run
                .is_some_and(|(start, _)| day < 7 && policy.schedule.day(day) == policy.schedule.day(start));
            if same {
                run = run.map(|(start, _)| (start, day));
                continue;
            }
            if let Some((start, end)) = run.take() {
                let days = if start == end {
                    day_names[start].to_owned()
                } else {
                    // "Lunes a viernes", but "Monday to Friday": English capitalizes days.
                    let last = if es { day_names[end].to_lowercase() } else { day_names[end].to_owned() };
                    format!("{}{to}{last}", day_names[start])
                };
                hours.push(HoursRow { days, intervals: describe(start) });
            }
            if day < 7 && !policy.schedule.day(day).is_empty() {
                run = Some((day, day));
            }
        }
        let date_text = |d: chrono::NaiveDate| {
            let weekday = day_names[weekday_index(calculator::civil::day_of(d))];
            if es {
                format!("{weekday} {} de {}", d.day(), crate::i18n::month_name(language, d))
            } else {
                format!("{weekday}, {} {}", crate::i18n::month_name(language, d), d.day())
            }
        };
        SlaView {
            priorities: policy
                .priorities()
                .iter()
                .map(|p| PriorityView {
                    id: p.id.as_str().to_owned(),
                    name: p.name.get(language).to_owned(),
                    description: p.description.get(language).to_owned(),
                    response: business_duration(p.response.0 .0, language),
                    resolution: business_duration(p.resolution.0 .0, language),
                })
                .collect(),
            hours,
            request_types: policy
                .request_types()
                .iter()
                .map(|r| RequestTypeView {
                    id: r.id.as_str().to_owned(),
                    name: r.name.get(language).to_owned(),
                    role: r.contact.role.get(language).to_owned(),
                    email: r.contact.email.as_str().to_owned(),
                })
                .collect(),
            definitive_fix_days: policy.definitive_fix.map(|d| d.0),
            timezone: policy.zone.name.clone(),
            utc_offset: utc_offset(policy),
            holidays: years
                .map(|year| HolidayYear {
                    year,
                    days: policy
                        .holidays
                        .in_year(year)
                        .into_iter()
                        .map(|h| HolidayView {
                            date: h.date.format("%Y-%m-%d").to_string(),
                            date_text: date_text(h.date),
                            name: h.names.iter().map(|n| n.get(language)).collect::<Vec<_>>().join(" / "),
                        })
                        .collect(),
                })
                .collect(),
            business_day_seconds: policy.schedule.seconds_per_business_day(),
            text,
        }
    }

    /// The business hours, by runs of days with the same hours.
    pub(crate) fn hours(&self) -> &[HoursRow] {
        &self.hours
    }

    /// The time zone and its offset: "America/Bogota (UTC−05:00)".
    pub(crate) fn zone(&self) -> String {
        format!("{} ({})", self.timezone, self.utc_offset)
    }

    /// The word between two intervals of a day (" y ", " and ").
    pub(crate) fn and(&self) -> &'static str {
        self.text.and
    }

    /// The sentence naming the time zone: "… America/Bogota (UTC−05:00) …".
    pub fn zone_sentence(&self) -> String {
        self.text.zone_sentence_template.replace("{zone}", &self.zone())
    }
}

/// The zone's UTC offset in the first year shown, e.g. `UTC−05:00`, or both offsets when the
/// zone changes clocks.
fn utc_offset(policy: &Policy) -> String {
    let mut offsets: Vec<i32> =
        (0..12).map(|m| policy.zone.offset_at(1_767_225_600 + m * 30 * 86_400)).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let show = |o: i32| {
        let sign = if o < 0 { '−' } else { '+' };
        format!("UTC{sign}{:02}:{:02}", o.abs() / 3600, o.abs() / 60 % 60)
    };
    offsets.into_iter().map(show).collect::<Vec<_>>().join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of each kind; the match makes a new kind fail to compile here until it is
    /// listed (and worded).
    fn every_engine_error() -> Vec<calculator::SlaError> {
        use calculator::{SlaError as E, TimeProblem as P};
        let time = |problem| E::InvalidTime { text: "x".into(), problem };
        let instant = || "2025-02-18T10:00:00-05:00".to_owned();
        let errors = vec![
            time(P::Empty),
            time(P::Shape),
            time(P::Fraction),
            time(P::OffsetShape),
            time(P::OffsetRange),
            time(P::YearOutOfRange { year: 1900, first: 1971, last: 2099 }),
            time(P::NotADate { date: "2025-02-30".into() }),
            time(P::NotATimeOfDay { time: "25:00:00".into() }),
            time(P::Skipped { zone: "Europe/Madrid".into() }),
            time(P::Ambiguous { zone: "Europe/Madrid".into(), first: instant(), second: instant() }),
            E::UnknownPriority { given: "x".into(), valid: "alta".into() },
            E::UnknownRequestType { given: "x".into(), valid: "funcional".into() },
            E::NoBusinessTime { after: instant(), days: 366 },
            E::BeyondCalendar { last_year: 2100 },
            E::NoDefinitiveFix,
            E::WorkaroundBeforeCreation { workaround: instant(), created: instant() },
        ];
        for error in &errors {
            match error {
                E::InvalidTime { problem, .. } => match problem {
                    P::Empty
                    | P::Shape
                    | P::Fraction
                    | P::OffsetShape
                    | P::OffsetRange
                    | P::YearOutOfRange { .. }
                    | P::NotADate { .. }
                    | P::NotATimeOfDay { .. }
                    | P::Skipped { .. }
                    | P::Ambiguous { .. } => {}
                },
                E::UnknownPriority { .. }
                | E::UnknownRequestType { .. }
                | E::NoBusinessTime { .. }
                | E::BeyondCalendar { .. }
                | E::NoDefinitiveFix
                | E::WorkaroundBeforeCreation { .. } => {}
            }
        }
        errors
    }

    #[test]
    fn every_engine_error_is_worded_in_both_languages_with_its_own_fields() {
        for text in [&TEXT_ES, &TEXT_EN] {
            let worded = serde_json::to_value(&text.js_text.errors).unwrap();
            for error in every_engine_error() {
                let data = serde_json::to_value(&error).unwrap();
                let key = if data["code"] == "invalid_time" { &data["problem"] } else { &data["code"] };
                let template = worded[key.as_str().unwrap()].as_str();
                let template = template.unwrap_or_else(|| panic!("no text for {key} in {}", text.priority));
                for field in
                    template.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(f, _)| f)
                {
                    assert!(data.get(field).is_some(), "{key}: {{{field}}} is not a field of the error");
                }
            }
        }
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(business_duration(7200, "es"), "2 horas");
        assert_eq!(business_duration(5400, "es"), "1 hora 30 minutos");
        assert_eq!(business_duration(3600, "en"), "1 hour");
        assert_eq!(business_duration(1800, "en"), "30 minutes");
    }
}
