//! `use_width`: the width an element is shown at, in CSS pixels, kept current by a
//! `ResizeObserver`, so that a chart can be drawn for its own size (its text then stays
//! text-sized at 320 px and at 1280 px). `None` until the first measure, which comes with
//! the frame after the element is placed: what depends on it is drawn then, not in the
//! task that placed it (which has enough to do).

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The width of `node`'s element, in whole pixels (a sub-pixel change does not draw
/// again). The element may come later than the component, or be replaced by a render
/// (Yew replaces an element whose siblings change): after every render, the element
/// watched is the one `node` holds.
#[hook]
pub fn use_width(node: NodeRef) -> Option<f64> {
    let width = use_state_eq(|| None::<f64>);
    let watch = use_mut_ref(|| None::<Watch>);
    {
        let (width, watch) = (width.clone(), watch.clone());
        use_effect(move || {
            let element = node.cast::<web_sys::Element>();
            let mut watching = watch.borrow_mut();
            if watching.as_ref().map(|w| &w.element) != element.as_ref() {
                *watching = element.and_then(|element| Watch::start(element, width));
            }
        });
    }
    // Cancellation: everything a watch started stops when it is dropped, here on unmount.
    use_effect_with((), move |_| move || drop(watch.borrow_mut().take()));
    *width
}

/// A `ResizeObserver` on one element, and the frame it will draw the latest width at.
struct Watch {
    element: web_sys::Element,
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
    /// Drawing from inside the observer's callback would change the layout while the
    /// browser still delivers its notifications, which Firefox reports as a
    /// "ResizeObserver loop" error: the width is set at the next frame.
    frame: Rc<Cell<Option<Frame>>>,
}

/// A requested animation frame and its closure, owned here: a frame replaced by a newer
/// width is cancelled and its closure released with it (a closure handed to JS for good
/// would stay, with the state it holds, when its frame never comes).
struct Frame {
    id: i32,
    _draw: Closure<dyn FnMut()>,
}

impl Watch {
    fn start(element: web_sys::Element, width: UseStateHandle<Option<f64>>) -> Option<Self> {
        let frame = Rc::new(Cell::new(None::<Frame>));
        let on_resize = {
            let frame = frame.clone();
            Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() else {
                    return;
                };
                let measured = entry.content_rect().width().round();
                let Some(window) = web_sys::window().filter(|_| measured > 0.0) else {
                    return;
                };
                cancel(&window, frame.take());
                let width = width.clone();
                let draw = Closure::<dyn FnMut()>::new(move || width.set(Some(measured)));
                // The closure of a frame that has run stays until the next one replaces
                // it (a closure cannot free itself while it runs), or the watch ends.
                if let Ok(id) = window.request_animation_frame(draw.as_ref().unchecked_ref()) {
                    frame.set(Some(Frame { id, _draw: draw }));
                }
            })
        };
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(&element);
        Some(Watch {
            element,
            observer,
            _on_resize: on_resize,
            frame,
        })
    }
}

/// Cancels `frame` (harmless when it has run) and drops its closure.
fn cancel(window: &web_sys::Window, frame: Option<Frame>) {
    if let Some(frame) = frame {
        window.cancel_animation_frame(frame.id).ok();
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
        if let Some(window) = web_sys::window() {
            cancel(&window, self.frame.take());
        }
    }
}
