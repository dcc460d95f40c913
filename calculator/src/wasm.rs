//! JavaScript bindings for the page calculator. The engine is used as it is: this module
//! only moves text across the boundary. The policy comes in the compact form of
//! [`Policy::to_wire`]; the answer goes out as JSON.
//!
//! ```js
//! const calculator = new SlaCalculator(policyText);   // throws on bad policy data
//! const answer = JSON.parse(calculator.evaluate(
//!   "2025-02-21T16:10:00-05:00", "alta", "facturacion", "2025-02-24T09:00:00-05:00", null));
//! // { "record": {…same as `ayuda sla due --batch`…}, "clock_start_reason": {…},
//! //   "created_at": "2025-02-21T16:10:00-05:00", "workaround_at": null }
//! // or { "error": { "code": "invalid_time", "problem": "year_out_of_range", "text": "…", … },
//! //      "message": "…", "field": "created" }
//! ```

use crate::{format_time, ClockStartReason, Policy, SlaError, TicketInput, TicketRecord};
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

/// A failed query: the error as data (its `code` and fields, for the page to word in its
/// language), the English message, and the field at fault when there is one.
#[derive(Serialize)]
struct Failure {
    error: SlaError,
    message: String,
    field: Option<&'static str>,
}

#[wasm_bindgen]
impl SlaCalculator {
    /// Loads a policy from its compact form (as the site generator writes it).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: &str) -> Result<SlaCalculator, JsError> {
        let policy = Policy::from_wire(policy).map_err(|e| JsError::new(&format!("policy: {e}")))?;
        Ok(SlaCalculator { policy })
    }

    /// Answers a query, the fields of a line of `ayuda sla due --batch`; returns JSON (see the
    /// module documentation).
    pub fn evaluate(
        &self,
        created: String,
        priority: String,
        request_type: Option<String>,
        now: Option<String>,
        workaround: Option<String>,
    ) -> String {
        let input = TicketInput { created, priority, request_type, now, workaround };
        let json = match input.answer(&self.policy) {
            Ok(report) => serde_json::to_string(&Answer {
                record: report.record(&self.policy, &input.created),
                clock_start_reason: &report.clock_start_reason,
                created_at: format_time(report.created, &self.policy.zone),
                workaround_at: report.workaround.map(|w| format_time(w, &self.policy.zone)),
            }),
            Err(e) => {
                serde_json::to_string(&Failure { message: e.to_string(), error: e.error, field: e.field })
            }
        };
        json.unwrap_or_else(|_| unreachable!("answers always serialize"))
    }
}
