//! What the user sees if nubo panics anyway. A panic in the release build (`panic = "abort"`)
//! stops the whole app: without this, the page stays on screen but answers no click. The banner
//! says so plainly, keeps the panic's message to copy into a report, and links to the same page
//! to reload it.

use wasm_bindgen::JsCast;

/// Shows the banner on any panic, after the message reaches the console as before.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Puts the banner at the top of the page. Built with the DOM directly: the reactive system may
/// be what failed, and nothing of it may run again. The message is text, never HTML.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let french = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .is_some_and(|lang| lang.starts_with("fr"));
    let (lead, reload, copy) = if french {
        (
            "nubo a cessé de fonctionner : rechargez la page.",
            "Recharger",
            "Le message ci-dessous dit ce qui a échoué ; copiez-le pour le signaler.",
        )
    } else {
        (
            "nubo stopped working: reload the page.",
            "Reload",
            "The message below says what failed; copy it to report it.",
        )
    };
    let element = |tag: &str, text: &str| {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        Some(element)
    };
    let Some(banner) = element("div", "") else {
        return;
    };
    banner.set_class_name("crash");
    let _ = banner.set_attribute("role", "alert");
    if let Some(link) = element("a", reload) {
        let _ = link.set_attribute("href", &document.url().unwrap_or_default());
        let lead = element("strong", lead);
        for part in [
            lead,
            Some(link),
            element("p", copy),
            element("pre", message),
        ]
        .into_iter()
        .flatten()
        {
            let _ = banner.append_child(&part);
        }
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(banner.unchecked_ref());
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn the_banner_says_to_reload_and_keeps_the_message_as_text() {
        show("panicked at <b>traits.rs:361</b>: already disposed");
        let document = web_sys::window().unwrap().document().unwrap();
        let banner = document
            .query_selector(".crash[role=alert]")
            .unwrap()
            .unwrap();
        let text = banner.text_content().unwrap();
        assert!(text.contains("stopped working: reload the page"), "{text}");
        assert!(text.contains("<b>traits.rs:361</b>"), "{text}");
        assert!(banner.query_selector("b").unwrap().is_none());
        let link = banner.query_selector("a").unwrap().unwrap();
        assert_eq!(link.get_attribute("href"), document.url().ok());
        banner.remove();
    }
}
