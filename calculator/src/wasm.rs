//! JavaScript bindings for the page calculator. The engine is used as it is: this module
//! only moves JSON across the boundary.
//!
//! ```js
//! const calculator = new SlaCalculator(policyJson);   // throws on a bad policy
//! const answer = JSON.parse(calculator.evaluate(JSON.stringify({
//!   created: "2025-02-21T16:10:00-05:00", priority: "alta", request_type: "facturacion",
//!   now: "2025-02-24T09:00:00-05:00", workaround: null,
//! })));
//! // { "record": {…same as `ayuda sla due --batch`…}, "clock_start_reason": {…},
//   "created_at": "2025-02-21T16:10:00-05:00", "workaround_at": null }
//! // or { "error": "…", "field": "created" }
//! ```

use crate::{format_time, parse_time, ClockStartReason, Policy, TicketQuery, TicketRecord};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// A loaded policy, ready to answer ticket queries.
#[wasm_bindgen]
pub struct SlaCalculator {
    policy: Policy,
}

/// A ticket query from the page.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    created: String,
    priority: String,
    #[serde(default)]
    request_type: Option<String>,
    #[serde(default)]
    now: Option<String>,
    #[serde(default)]
    workaround: Option<String>,
}

/// The answer: the batch record, why the clock starts when it does, and the given times
/// written RFC 3339 in the policy's zone (for links that keep the calculation).
#[derive(Serialize)]
struct Answer<'a> {
    record: TicketRecord,
    clock_start_reason: &'a ClockStartReason,
    created_at: String,
    workaround_at: Option<String>,
}

/// A failed query, with the field at fault when there is one.
#[derive(Serialize)]
struct Failure<'a> {
    error: String,
    field: Option<&'a str>,
}

#[wasm_bindgen]
impl SlaCalculator {
    /// Loads a policy from its JSON form (as the site generator writes it).
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> Result<SlaCalculator, JsError> {
        let policy: Policy =
            serde_json::from_str(policy_json).map_err(|e| JsError::new(&format!("policy: {e}")))?;
        Ok(SlaCalculator { policy })
    }

    /// Answers a query given as JSON; returns JSON (see the module documentation).
    pub fn evaluate(&self, query_json: &str) -> String {
        self.answer(query_json).unwrap_or_else(|(error, field)| {
            serde_json::to_string(&Failure { error, field }).expect("failures serialize")
        })
    }

    /// The IANA name of the policy's time zone.
    #[wasm_bindgen(js_name = timeZone)]
    pub fn time_zone(&self) -> String {
        self.policy.zone.name.clone()
    }
}

impl SlaCalculator {
    fn answer(&self, query_json: &str) -> Result<String, (String, Option<&'static str>)> {
        let query: Query = serde_json::from_str(query_json).map_err(|e| (e.to_string(), None))?;
        let time = |field: &'static str, text: &str| {
            parse_time(text, &self.policy.zone).map_err(|e| (e.to_string(), Some(field)))
        };
        let ticket = TicketQuery {
            created: time("created", &query.created)?,
            priority: &query.priority,
            request_type: query.request_type.as_deref(),
            now: query.now.as_deref().map(|t| time("now", t)).transpose()?,
            workaround: query.workaround.as_deref().map(|t| time("workaround", t)).transpose()?,
        };
        let report = self.policy.evaluate(&ticket).map_err(|e| (e.to_string(), None))?;
        let answer = Answer {
            record: report.record(&self.policy, &query.created),
            clock_start_reason: &report.clock_start_reason,
            created_at: format_time(ticket.created, &self.policy.zone),
            workaround_at: ticket.workaround.map(|w| format_time(w, &self.policy.zone)),
        };

        Ok(serde_json::to_string(&answer).expect("answers serialize"))
    }
}
