//! `use_instance_id`: an id prefix unique to one component instance, so two widgets on
//! one page never share an element id (an `aria-labelledby` must name its own chart).

use std::sync::atomic::{AtomicU32, Ordering};
use yew::prelude::*;

/// Instances made so far on this page.
static INSTANCES: AtomicU32 = AtomicU32::new(0);

/// `apw-<n>`, made once when the component mounts and kept for its lifetime.
#[hook]
pub fn use_instance_id() -> AttrValue {
    (*use_state(|| {
        AttrValue::from(format!(
            "apw-{}",
            INSTANCES.fetch_add(1, Ordering::Relaxed) + 1
        ))
    }))
    .clone()
}
