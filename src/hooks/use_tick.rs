//! `use_tick`: draws the component again every second while `active`, so that a time
//! counted from a start ("Running for 1 min 12 s") keeps counting between answers (a
//! trace's polls can be 30 s apart).

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Redraws the component every `every_ms` while `active`; the timer stops when it is not,
/// or on unmount.
#[hook]
pub fn use_tick(active: bool, every_ms: u32) {
    let redraw = use_force_update();
    use_effect_with(active, move |&active| {
        let timer = active.then(|| Interval::new(every_ms, move || redraw.force_update()));
        move || drop(timer)
    });
}
