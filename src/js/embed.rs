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

/// Registers `<ap-ping-status>`, `<ap-ping-fleet>` and `<ap-traceroute-status>` when the
/// module is initialized.
#[wasm_bindgen(start)]
pub fn register_custom_element() {
    let mount = MountClosure::new(
        |container: web_sys::Element, host: web_sys::Element, options: JsValue| {
            mount(container, host.into(), options)
                .map(JsValue::from)
                .map_err(JsValue::from)
        },
    );
    let mount_fleet = MountClosure::new(
        |container: web_sys::Element, host: web_sys::Element, options: JsValue| {
            fleet(container, host.into(), options)
                .map(JsValue::from)
                .map_err(JsValue::from)
        },
    );
    let mount_trace = MountClosure::new(
        |container: web_sys::Element, host: web_sys::Element, options: JsValue| {
            trace(container, host.into(), options)
                .map(JsValue::from)
                .map_err(JsValue::from)
        },
    );
    define_element(&mount, &mount_fleet, &mount_trace);
    // The element classes keep calling them for the page's lifetime: they must outlive this call.
    mount.forget();
    mount_fleet.forget();
    mount_trace.forget();
}

/// A mounted traceroute widget. `destroy()` stops every request and timer and removes it.
#[wasm_bindgen]
pub struct TracerouteWidgetHandle {
    app: Option<AppHandle<TracerouteWidget>>,
    events: EventSink,
}

#[wasm_bindgen]
impl TracerouteWidgetHandle {
    /// Replaces the options. A new serial, task id, destination, token or timing starts over.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TracerouteWidgetOptions")] options: JsValue,
    ) -> Result<(), JsError> {
        let props = TraceMountOptions::from_js(options)?.into_props(&self.events);
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

fn trace(
    root: web_sys::Element,
    events: web_sys::EventTarget,
    options: JsValue,
) -> Result<TracerouteWidgetHandle, JsError> {
    let events = EventSink::new(events);
    let props = TraceMountOptions::from_js(options)?.into_props(&events);
    let app = yew::Renderer::<TracerouteWidget>::with_root_and_props(root, props).render();
    Ok(TracerouteWidgetHandle {
        app: Some(app),
        events,
    })
}

/// A mounted fleet view. `destroy()` stops every request and timer of every AP and
/// removes it.
#[wasm_bindgen]
pub struct PingFleetHandle {
    app: Option<AppHandle<PingFleet>>,
    events: EventSink,
}

#[wasm_bindgen]
impl PingFleetHandle {
    /// Replaces the options. Any change starts the run over.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FleetOptions")] options: JsValue,
    ) -> Result<(), JsError> {
        let props = FleetMountOptions::from_js(options)
            .map_err(Problem::fleet)?
            .into_props(&self.events);
        match self.app.as_mut() {
            Some(app) => {
                app.update(props);
                Ok(())
            }
            None => Err(JsError::new("this fleet view has been destroyed")),
        }
    }

    /// Unmounts the view: every AP's request in flight is aborted, timers are cleared.
    /// Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            self.events.close();
            app.destroy();
        }
    }
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

fn fleet(
    root: web_sys::Element,
    events: web_sys::EventTarget,
    options: JsValue,
) -> Result<PingFleetHandle, JsError> {
    let events = EventSink::new(events);
    let props = FleetMountOptions::from_js(options)
        .map_err(Problem::fleet)?
        .into_props(&events);
    let app = yew::Renderer::<PingFleet>::with_root_and_props(root, props).render();
    Ok(PingFleetHandle {
        app: Some(app),
        events,
    })
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
