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

use crate::{format_time, ClockStartReason, Policy, TicketInput, TicketRecord};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A loaded policy, ready to answer ticket queries.
#[wasm_bindgen]
pub struct SlaCalculator {
    policy: Policy,
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
        let input: TicketInput = serde_json::from_str(query_json).map_err(|e| (e.to_string(), None))?;
        let report = input.answer(&self.policy).map_err(|e| (e.message, e.field))?;
        let answer = Answer {
            record: report.record(&self.policy, &input.created),
            clock_start_reason: &report.clock_start_reason,
            created_at: format_time(report.created, &self.policy.zone),
            workaround_at: report.workaround.map(|w| format_time(w, &self.policy.zone)),
        };
        Ok(serde_json::to_string(&answer).expect("answers serialize"))
    }
}
