//! Embedding for other pages: `mountPingWidget(target, options)`, its handle and the
//! `<ap-ping-status>` custom element; `mountPingFleet(target, options)`, its handle and
//! `<ap-ping-fleet>`; `mountTracerouteWidget(target, options)`, its handle and
//! `<ap-traceroute-status>`. The options are read in `options`, the events sent
//! in `events`.

use super::events::EventSink;
use super::options::{FleetMountOptions, MountOptions, Problem, TraceMountOptions};
use crate::components::{PingFleet, PingWidget, TracerouteWidget};
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
    fn define_element(mount: &MountClosure, mount_fleet: &MountClosure, mount_trace: &MountClosure);
}

/// What `element.js` calls to mount into an element's shadow root: (container, host,
/// options) to a handle.
type MountClosure =
    Closure<dyn FnMut(web_sys::Element, web_sys::Element, JsValue) -> Result<JsValue, JsValue>>;

/// A mounted view's handle and its `mount`, written once for each view: `update(options)`
/// reads the options as `mount` does (`read`) and renders them; `destroy()` stops every
/// request and timer and removes the view.
macro_rules! view_handle {
    ($(#[$doc:meta])* $handle:ident($component:ty, $options_ts:literal, $what:literal), $read:expr, fn $mount:ident) => {
        $(#[$doc])*
        #[wasm_bindgen]
        pub struct $handle {
            app: Option<AppHandle<$component>>,
            events: EventSink,
        }

        #[wasm_bindgen]
        impl $handle {
            /// Replaces the options. A change of what is followed, the token or the timing
            /// starts over.
            pub fn update(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = $options_ts)] options: JsValue,
            ) -> Result<(), JsError> {
                let props = ($read)(options)?.into_props(&self.events);
                match self.app.as_mut() {
                    Some(app) => {
                        app.update(props);
                        Ok(())
                    }
                    None => Err(JsError::new(concat!("this ", $what, " has been destroyed"))),
                }
            }

            /// Unmounts it: every request in flight is aborted, timers are cleared.
            /// Calling it again does nothing.
            pub fn destroy(&mut self) {
                if let Some(app) = self.app.take() {
                    self.events.close();
                    app.destroy();
                }
            }
        }

        fn $mount(
            root: web_sys::Element,
            events: web_sys::EventTarget,
            options: JsValue,
        ) -> Result<$handle, JsError> {
            let events = EventSink::new(events);
            let props = ($read)(options)?.into_props(&events);
            let app = yew::Renderer::<$component>::with_root_and_props(root, props).render();
            Ok($handle {
                app: Some(app),
                events,
            })
        }
    };
}

view_handle! {
    /// A mounted ping widget.
    PingWidgetHandle(PingWidget, "PingWidgetOptions", "widget"),
    |o| MountOptions::from_js(o).map_err(JsError::from),
    fn mount
}

view_handle! {
    /// A mounted fleet view.
    PingFleetHandle(PingFleet, "FleetOptions", "fleet view"),
    |o| FleetMountOptions::from_js(o).map_err(Problem::fleet),
    fn fleet
}

view_handle! {
    /// A mounted traceroute widget.
    TracerouteWidgetHandle(TracerouteWidget, "TracerouteWidgetOptions", "widget"),
    |o| TraceMountOptions::from_js(o).map_err(JsError::from),
    fn trace
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

/// Registers `<ap-ping-status>`, `<ap-ping-fleet>` and `<ap-traceroute-status>` when the
/// module is initialized.
#[wasm_bindgen(start)]
pub fn register_custom_element() {
    let (mount, mount_fleet, mount_trace) = (closure(mount), closure(fleet), closure(trace));
    define_element(&mount, &mount_fleet, &mount_trace);
    // The element classes keep calling them for the page's lifetime: they must outlive this call.
    mount.forget();
    mount_fleet.forget();
    mount_trace.forget();
}

/// A view's `mount` as the closure `element.js` calls with (container, host, options).
fn closure<H: Into<JsValue> + 'static>(
    mount: fn(web_sys::Element, web_sys::EventTarget, JsValue) -> Result<H, JsError>,
) -> MountClosure {
    MountClosure::new(
        move |container: web_sys::Element, host: web_sys::Element, options: JsValue| {
            mount(container, host.into(), options)
                .map(Into::into)
                .map_err(JsValue::from)
        },
    )
}

/// Mounts the traceroute widget into `target` (an element or a CSS selector). Events
/// (`traceroute-started`, `traceroute-progress`, `traceroute-complete`,
/// `traceroute-error`) are sent to `target`.
#[wasm_bindgen(js_name = mountTracerouteWidget)]
pub fn mount_traceroute_widget(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TracerouteWidgetOptions")] options: JsValue,
) -> Result<TracerouteWidgetHandle, JsError> {
    let root = resolve_target(&target)?;
    trace(root.clone(), root.into(), options)
}

/// Mounts the fleet view into `target` (an element or a CSS selector): one destination
/// pinged from every AP of a site. Events (`fleet-progress`, `fleet-complete`,
/// `fleet-error`) are sent to `target`.
#[wasm_bindgen(js_name = mountPingFleet)]
pub fn mount_ping_fleet(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FleetOptions")] options: JsValue,
) -> Result<PingFleetHandle, JsError> {
    let root = resolve_target(&target)?;
    fleet(root.clone(), root.into(), options)
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
