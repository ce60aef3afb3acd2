//! Embedding for other pages: `mountPingWidget(target, options)` and its handle.

use crate::components::{PingWidget, PingWidgetProps};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AppHandle;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &'static str = r#"
/** Options of `mountPingWidget` and `PingWidgetHandle.update`. */
export interface PingWidgetOptions {
  /** Progress to show, 0-100. */
  progressPercent?: number | null;
}
"#;

/// What a page passes to `mountPingWidget`, read from a plain JS object.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct MountOptions {
    progress_percent: Option<f64>,
}

impl MountOptions {
    fn from_js(options: JsValue) -> Result<Self, JsError> {
        if options.is_undefined() || options.is_null() {
            return Ok(Self::default());
        }
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("invalid widget options: {e}")))
    }

    fn into_props(self) -> PingWidgetProps {
        PingWidgetProps {
            progress_percent: self.progress_percent,
        }
    }
}

/// A mounted widget. `destroy()` removes it and stops all its work.
#[wasm_bindgen]
pub struct PingWidgetHandle {
    app: Option<AppHandle<PingWidget>>,
}

#[wasm_bindgen]
impl PingWidgetHandle {
    /// Replaces the widget's options; the widget re-renders what changed.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PingWidgetOptions")] options: JsValue,
    ) -> Result<(), JsError> {
        let props = MountOptions::from_js(options)?.into_props();
        match self.app.as_mut() {
            Some(app) => {
                app.update(props);
                Ok(())
            }
            None => Err(JsError::new("this widget has been destroyed")),
        }
    }

    /// Unmounts the widget. Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts the widget into `target` (an element or a CSS selector).
#[wasm_bindgen(js_name = mountPingWidget)]
pub fn mount_ping_widget(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PingWidgetOptions")] options: JsValue,
) -> Result<PingWidgetHandle, JsError> {
    let root = resolve_target(&target)?;
    let props = MountOptions::from_js(options)?.into_props();
    let app = yew::Renderer::<PingWidget>::with_root_and_props(root, props).render();
    Ok(PingWidgetHandle { app: Some(app) })
}

/// An element as given, or the first match of a selector.
fn resolve_target(target: &JsValue) -> Result<web_sys::Element, JsError> {
    if let Some(selector) = target.as_string() {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document to mount into"))?;
        return document
            .query_selector(&selector)
            .map_err(|_| JsError::new(&format!("invalid selector {selector:?}")))?
            .ok_or_else(|| JsError::new(&format!("no element matches {selector:?}")));
    }
    target
        .clone()
        .dyn_into::<web_sys::Element>()
        .map_err(|_| JsError::new("mount target must be an Element or a CSS selector"))
}
