//! `use_width`: the width an element is shown at, in CSS pixels, kept current by a
//! `ResizeObserver`, so that a chart can be drawn for its own size (its text then stays
//! text-sized at 320 px and at 1280 px). `None` until the first measure.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The width of `node`'s element while `present` (the element may be drawn later than
/// the component, so the observer starts when it appears). Whole pixels, so that a
/// sub-pixel change does not draw again.
#[hook]
pub fn use_width(node: NodeRef, present: bool) -> Option<f64> {
    let width = use_state_eq(|| None::<f64>);
    {
        let width = width.clone();
        use_effect_with((node, present), move |(node, _)| {
            // The latest width measured, drawn at the next frame: drawing from inside the
            // observer's callback would change the layout while the browser still delivers
            // its notifications, which Firefox reports as a "ResizeObserver loop" error.
            let frame = Rc::new(Cell::new(None::<i32>));
            let observing = node.cast::<web_sys::Element>().and_then(|element| {
                let frame = frame.clone();
                let on_resize =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>()
                        else {
                            return;
                        };
                        let measured = entry.content_rect().width().round();
                        let Some(window) = web_sys::window().filter(|_| measured > 0.0) else {
                            return;
                        };
                        let (width, frame_done) = (width.clone(), frame.clone());
                        let draw = Closure::once_into_js(move || {
                            frame_done.set(None);
                            width.set(Some(measured));
                        });
                        if let Some(id) = frame.take() {
                            window.cancel_animation_frame(id).ok();
                        }
                        frame.set(window.request_animation_frame(draw.unchecked_ref()).ok());
                    });
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, on_resize))
            });
            // Cancellation: the observer and a pending frame stop with the element or the
            // component.
            move || {
                if let Some((observer, _on_resize)) = observing {
                    observer.disconnect();
                }
                if let (Some(id), Some(window)) = (frame.take(), web_sys::window()) {
                    window.cancel_animation_frame(id).ok();
                }
            }
        });
    }
    *width
}
