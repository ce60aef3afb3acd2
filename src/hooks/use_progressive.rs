//! `use_progressive`: how many items of a long list to draw now. The first few at once,
//! then more in later animation frames until all are drawn, so that no single frame does
//! the work of the whole list (100 table rows with the card took more than a frame).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Of `total` items, `first` now, then `step` more every other frame: the frame in
/// between is left to others (the chart draws in the frame after the result appears).
/// The pending frame is cancelled when the component goes or the count changes.
#[hook]
pub fn use_progressive(total: u32, first: u32, step: u32) -> u32 {
    let drawn = use_state_eq(|| first);
    {
        let drawn = drawn.clone();
        use_effect_with((total, *drawn), move |&(total, now)| {
            let window = web_sys::window().filter(|_| now < total);
            // Two frames on: the callback of the first asks for the second.
            let frame = std::rc::Rc::new(std::cell::Cell::new(None::<i32>));
            if let Some(window) = &window {
                let (next, again) = (frame.clone(), window.clone());
                let skip = Closure::once_into_js(move || {
                    let more = Closure::once_into_js(move || drawn.set(now + step));
                    next.set(again.request_animation_frame(more.unchecked_ref()).ok());
                });
                frame.set(window.request_animation_frame(skip.unchecked_ref()).ok());
            }
            move || {
                if let (Some(window), Some(id)) = (window, frame.get()) {
                    window.cancel_animation_frame(id).ok();
                }
            }
        });
    }
    (*drawn).min(total)
}
