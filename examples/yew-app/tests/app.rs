//! The example app in a real browser (wasm-bindgen-test, Chromium and Firefox): the widget
//! renders inside the app's own markup, and the app hears its callbacks.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use yew_app_example::{AccessPointPage, AccessPointPageProps};

wasm_bindgen_test_configure!(run_in_browser);

async fn frame() {
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
}

#[wasm_bindgen_test]
async fn the_widget_renders_in_the_app_and_the_app_hears_its_error() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    // No Central here: the start request goes to the test server, which has no such path
    // (404). The app hears the widget's error through its own callback.
    yew::Renderer::<AccessPointPage>::with_root_and_props(
        root.clone(),
        AccessPointPageProps {
            serial: "CNF7G9X001".into(),
            base_url: "".into(),
            destination: "www.example.com".into(),
        },
    )
    .render();
    let heard = || {
        root.query_selector(".ap-page__heard")
            .unwrap()
            .and_then(|p| p.text_content())
            .unwrap_or_default()
    };
    for _ in 0..250 {
        if heard().starts_with("Stopped:") {
            break;
        }
        frame().await;
    }
    assert!(
        heard().starts_with("Stopped:"),
        "the app heard: {}",
        heard()
    );
    let widget = root.query_selector(".ap-page .apw.ap-page__ping").unwrap();
    assert!(
        widget.is_some(),
        "the widget, with the app's class, inside the app's page"
    );
    let title = root.query_selector(".apw__title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "Ping from AP CNF7G9X001");
    let alert = root.query_selector("[role=alert]").unwrap().unwrap();
    assert!(
        alert.text_content().unwrap().contains("HTTP 404"),
        "{:?}",
        alert.text_content()
    );
}
