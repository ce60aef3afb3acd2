//! `configureRequestBudget({ maxRequestsPerSecond, maxInFlight })`: the page's request
//! budget, shared by every widget of the page that calls the same API (`budget`,
//! `hooks::request_budget`). Page-level only: no widget option can raise it.

use super::options::{invalid, whole, Problem};
use crate::budget::BudgetLimits;
use crate::hooks::request_budget;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_BUDGET: &'static str = r#"
/** The page's request budget, shared by every widget that calls the same base URL. */
export interface RequestBudgetOptions {
  /** Requests sent in any second, at most (default 5, under Central's published 7). */
  maxRequestsPerSecond?: number;
  /** Requests sent and not yet answered, at most (default 4). */
  maxInFlight?: number;
}
"#;

/// Sets the page's request budget (any subset; the rest stays) and returns the limits in
/// force. Both must be whole numbers of at least 1.
#[wasm_bindgen(js_name = configureRequestBudget, unchecked_return_type = "Required<RequestBudgetOptions>")]
pub fn configure_request_budget(
    #[wasm_bindgen(unchecked_param_type = "RequestBudgetOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let mut limits = request_budget::limits();
    if !options.is_undefined() && !options.is_null() {
        if !options.is_object() {
            return Err(invalid("", "expected an object").budget());
        }
        let at_least_one = |name: &str| -> Result<Option<u32>, JsError> {
            match whole(&options, name).map_err(Problem::budget)? {
                Some(0) => Err(invalid(name, " must be at least 1").budget()),
                n => Ok(n),
            }
        };
        if let Some(n) = at_least_one("maxRequestsPerSecond")? {
            limits.max_requests_per_second = n;
        }
        if let Some(n) = at_least_one("maxInFlight")? {
            limits.max_in_flight = n;
        }
        request_budget::configure(limits);
    }
    Ok(in_force(request_budget::limits()))
}

fn in_force(limits: BudgetLimits) -> JsValue {
    let object = js_sys::Object::new();
    let set = |name: &str, n: u32| {
        js_sys::Reflect::set(&object, &JsValue::from_str(name), &JsValue::from(n)).ok();
    };
    set("maxRequestsPerSecond", limits.max_requests_per_second);
    set("maxInFlight", limits.max_in_flight);
    object.into()
}
