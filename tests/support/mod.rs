//! What the browser tests share: a fresh element to render into, waiting a frame, and the
//! texts of what a selector matches.
#![allow(dead_code)] // each test file uses its own part

/// A fresh element in the document to render into.
pub fn fresh_root() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Waits `n` animation frames, flushing Yew's scheduler after each.
pub async fn frames(n: u32) {
    for _ in 0..n {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
        yew::scheduler::flush().await;
    }
}

/// The text of each element `selector` matches in `root`, in document order.
pub fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

/// Waits a frame at a time (at most 300) until `selector` matches in `root`: what is
/// drawn a frame later (the chart, after its box is measured), or after an answer.
pub async fn shown(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..300 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        frames(1).await;
    }
    panic!("{selector} was not shown within 300 frames");
}
