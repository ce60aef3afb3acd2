//! Embedding for other pages: `mountPingWidget(target, options)`, its handle and the
//! `<ap-ping-status>` custom element. The options are read in `options`, the events sent
//! in `events`.

use super::events::EventSink;
use super::options::MountOptions;
use crate::components::PingWidget;
use ap_ping_core::json::quoted;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AppHandle;

/// The options', the start request's and the events' TypeScript, generated (`generate`).
#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &'static str = include_str!("types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_MESSAGE_KEYS: &'static str = crate::words::messages::TS_KEYS;

#[wasm_bindgen(module = "/src/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(
        mount: &Closure<
            dyn FnMut(web_sys::Element, web_sys::Element, JsValue) -> Result<JsValue, JsValue>,
        >,
    );
}

/// A mounted widget. `destroy()` stops every request and timer and removes it.
#[wasm_bindgen]
pub struct PingWidgetHandle {
    app: Option<AppHandle<PingWidget>>,
    events: EventSink,
}

#[wasm_bindgen]
impl PingWidgetHandle {
    /// Replaces the options. A new serial, task id, token or timing starts over.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PingWidgetOptions")] options: JsValue,
    ) -> Result<(), JsError> {
        let props = MountOptions::from_js(options)?.into_props(&self.events);
        match self.app.as_mut() {
            Some(app) => {
                app.update(props);
                Ok(())
            }
            None => Err(JsError::new("this widget has been destroyed")),
        }
    }

    /// Unmounts the widget: the request in flight is aborted, timers are cleared.
    /// Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            self.events.close();
            app.destroy();
        }
    }
}

/// Mounts the widget into `target` (an element or a CSS selector). Events
/// (`ping-progress`, `ping-complete`, `ping-error`, `ping-started`) are sent to `target`.
#[wasm_bindgen(js_name = mountPingWidget)]
pub fn mount_ping_widget(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PingWidgetOptions")] options: JsValue,
) -> Result<PingWidgetHandle, JsError> {
    let root = resolve_target(&target)?;
    mount(root.clone(), root.into(), options)
}

fn mount(
    root: web_sys::Element,
    events: web_sys::EventTarget,
    options: JsValue,
) -> Result<PingWidgetHandle, JsError> {
    let events = EventSink::new(events);
    let props = MountOptions::from_js(options)?.into_props(&events);
    let app = yew::Renderer::<PingWidget>::with_root_and_props(root, props).render();
    Ok(PingWidgetHandle {
        app: Some(app),
        events,
    })
}

/// Registers `<ap-ping-status>` when the module is initialized.
#[wasm_bindgen(start)]
pub fn register_custom_element() {
    let mount = Closure::<
        dyn FnMut(web_sys::Element, web_sys::Element, JsValue) -> Result<JsValue, JsValue>,
    >::new(
        |container: web_sys::Element, host: web_sys::Element, options: JsValue| {
            mount(container, host.into(), options)
                .map(JsValue::from)
                .map_err(JsValue::from)
        },
    );
    define_element(&mount);
    // The element class keeps calling it for the page's lifetime: it must outlive this call.
    mount.forget();
}

/// An element as given, or the first match of a selector.
fn resolve_target(target: &JsValue) -> Result<web_sys::Element, JsError> {
    if let Some(selector) = target.as_string() {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document to mount into"))?;
        return document
            .query_selector(&selector)
            .map_err(|_| JsError::new(&format!("invalid selector {}", quoted(&selector))))?
            .ok_or_else(|| JsError::new(&format!("no element matches {}", quoted(&selector))));
    }
    target
        .clone()
        .dyn_into::<web_sys::Element>()
        .map_err(|_| JsError::new("mount target must be an Element or a CSS selector"))
}
