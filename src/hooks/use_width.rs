//! `use_width`: the width an element is shown at, in CSS pixels, kept current by a
//! `ResizeObserver`, so that a chart can be drawn for its own size (its text then stays
//! text-sized at 320 px and at 1280 px). `None` until the first measure.

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
            let observing = node.cast::<web_sys::Element>().and_then(|element| {
                let on_resize =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>()
                        {
                            let measured = entry.content_rect().width().round();
                            if measured > 0.0 {
                                width.set(Some(measured));
                            }
                        }
                    });
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, on_resize))
            });
            // Cancellation: the observer stops with the element or the component.
            move || {
                if let Some((observer, _on_resize)) = observing {
                    observer.disconnect();
                }
            }
        });
    }
    *width
}
