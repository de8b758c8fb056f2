//! The app mounted into a real page in headless Chromium (wasm-bindgen-test), without a server
//! of nubo's: the test runner's own server has no config.json, which the app must explain.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo_timers::future::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element of its own, at the root route.
fn mount() -> HtmlElement {
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    let document = window.document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), nubo::app::App).forget();
    container
}

/// Polls until `found` holds, for at most ten seconds; the app fetches before it settles.
async fn eventually(container: &HtmlElement, what: &str, found: impl Fn(&HtmlElement) -> bool) {
    for _ in 0..100 {
        if found(container) {
            return;
        }
        sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "never saw {what}; the page shows: {}",
        container.inner_text()
    );
}

fn count(container: &HtmlElement, selector: &str) -> u32 {
    container.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn the_shell_mounts_with_its_navigation() {
    let app = mount();
    eventually(&app, "the side navigation", |app| {
        count(app, "nav.side-nav a") == 10
    })
    .await;
    let text = app.inner_text();
    for label in [
        "Compute",
        "Instances",
        "Images",
        "Volumes",
        "Backups",
        "EC2",
        "AMIs",
        "Schedules",
    ] {
        assert!(text.contains(label), "{label} missing from: {text}");
    }
    eventually(&app, "the start page's title", |app| {
        app.query_selector("main h1")
            .unwrap()
            .and_then(|h1| h1.text_content())
            .as_deref()
            == Some("Clouds")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_missing_config_json_is_explained_not_hidden() {
    let app = mount();
    eventually(&app, "the configuration error", |app| {
        app.inner_text().contains("could not be read")
    })
    .await;
    let panel = app.query_selector(".panel-error").unwrap().unwrap();
    let text = panel.text_content().unwrap();
    assert!(text.contains("config.json"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    // The same failure is announced where every failure is.
    eventually(&app, "an error notification", |app| {
        count(app, ".notifications [role=alert]") == 1
    })
    .await;
    // Without a configuration the cloud picker says so instead of offering nothing.
    let picker = app.query_selector("select[name=cloud]").unwrap().unwrap();
    assert_eq!(picker.text_content().unwrap(), "No configuration");
}
