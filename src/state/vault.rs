//! Sealing of remembered secrets. A remembered credential is kept in localStorage encrypted
//! (AES-GCM, a fresh IV each time) with a key WebCrypto made non-extractable and this page
//! keeps in IndexedDB (database `nubo`, store `keys`): the browser stores that key but will hand
//! its bytes to nobody, this page included, so what localStorage holds is unreadable on its own
//! (a copied profile, a look in the developer tools, an extension reading storage). Whoever can
//! run script as nubo's page can still ask the browser to decrypt; the proxy's rules and the
//! page's CSP are what keep that from happening.
//!
//! Written against web-sys by hand: one key put and got in one store does not justify an
//! IndexedDB crate in the bundle.

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AesGcmParams, AesKeyGenParams, CryptoKey, IdbDatabase, IdbOpenDbRequest, IdbRequest,
    IdbTransactionMode, SubtleCrypto,
};

const DATABASE: &str = "nubo";
const STORE: &str = "keys";
const KEY_NAME: &str = "remembered-secrets";
/// Marks a sealed value; anything else under a remembered key was stored before sealing.
const PREFIX: &str = "sealed-v1:";
const IV_BYTES: usize = 12;

/// Why nothing can be sealed here: WebCrypto needs a secure context (HTTPS or localhost), and
/// IndexedDB may be off (some private windows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

pub fn is_sealed(text: &str) -> bool {
    text.starts_with(PREFIX)
}

/// `plain` encrypted with this browser's key, made on first use.
pub async fn seal(plain: &str) -> Result<String, Unavailable> {
    let subtle = subtle()?;
    let key = key(&subtle, true)
        .await?
        .ok_or_else(|| unavailable("no key"))?;
    let mut iv = [0u8; IV_BYTES];
    crypto()?
        .get_random_values_with_u8_array(&mut iv)
        .map_err(js_unavailable)?;
    let params = AesGcmParams::new_with_u8_slice("AES-GCM", &mut iv);
    let promise = subtle
        .encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes())
        .map_err(js_unavailable)?;
    let sealed = JsFuture::from(promise).await.map_err(js_unavailable)?;
    let sealed = Uint8Array::new(&sealed).to_vec();
    Ok(format!("{PREFIX}{}{}", hex(&iv), hex(&sealed)))
}

/// The plain text of a value `seal` made in this browser; `None` when it was not, or when the
/// key is gone (site data cleared in part) or the value was altered: it is then worthless.
pub async fn open(text: &str) -> Option<String> {
    let bytes = unhex(text.strip_prefix(PREFIX)?)?;
    if bytes.len() <= IV_BYTES {
        return None;
    }
    let (iv, sealed) = bytes.split_at(IV_BYTES);
    let subtle = subtle().ok()?;
    let key = key(&subtle, false).await.ok()??;
    let mut iv = iv.to_vec();
    let params = AesGcmParams::new_with_u8_slice("AES-GCM", &mut iv);
    let promise = subtle
        .decrypt_with_object_and_u8_array(&params, &key, sealed)
        .ok()?;
    let plain = JsFuture::from(promise).await.ok()?;
    String::from_utf8(Uint8Array::new(&plain).to_vec()).ok()
}

fn unavailable(why: &str) -> Unavailable {
    Unavailable(why.to_owned())
}

fn js_unavailable(error: JsValue) -> Unavailable {
    Unavailable(
        error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| error.as_string())
            .unwrap_or_else(|| "the browser refused".to_owned()),
    )
}

fn window() -> Result<web_sys::Window, Unavailable> {
    web_sys::window().ok_or_else(|| unavailable("no window"))
}

fn crypto() -> Result<web_sys::Crypto, Unavailable> {
    window()?.crypto().map_err(js_unavailable)
}

fn subtle() -> Result<SubtleCrypto, Unavailable> {
    if !window()?.is_secure_context() {
        return Err(unavailable(
            "WebCrypto needs a secure context: nubo served over HTTPS or from localhost",
        ));
    }
    Ok(crypto()?.subtle())
}

/// The key from IndexedDB; made and stored first when `create` and there is none.
async fn key(subtle: &SubtleCrypto, create: bool) -> Result<Option<CryptoKey>, Unavailable> {
    let database = open_database().await?;
    let read = database
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readonly)
        .and_then(|t| t.object_store(STORE))
        .and_then(|s| s.get(&JsValue::from_str(KEY_NAME)))
        .map_err(js_unavailable)?;
    let found = done(&read).await?;
    if let Ok(key) = found.dyn_into::<CryptoKey>() {
        return Ok(Some(key));
    }
    if !create {
        return Ok(None);
    }
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let promise = subtle
        .generate_key_with_object(&AesKeyGenParams::new("AES-GCM", 256), false, &usages)
        .map_err(js_unavailable)?;
    let key: CryptoKey = JsFuture::from(promise)
        .await
        .map_err(js_unavailable)?
        .unchecked_into();
    let write = database
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .and_then(|t| t.object_store(STORE))
        .and_then(|s| s.put_with_key(&key, &JsValue::from_str(KEY_NAME)))
        .map_err(js_unavailable)?;
    done(&write).await?;
    Ok(Some(key))
}

async fn open_database() -> Result<IdbDatabase, Unavailable> {
    let factory = window()?
        .indexed_db()
        .map_err(js_unavailable)?
        .ok_or_else(|| unavailable("IndexedDB is off in this browser"))?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DATABASE, 1).map_err(js_unavailable)?;
    let upgrading = request.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(database) = upgrading.result()
            && let Ok(database) = database.dyn_into::<IdbDatabase>()
        {
            let _ = database.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let database = done(&request).await?;
    request.set_onupgradeneeded(None);
    database
        .dyn_into()
        .map_err(|_| unavailable("IndexedDB gave no database"))
}

/// What `request` gives, once it has.
async fn done(request: &IdbRequest) -> Result<JsValue, Unavailable> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let succeeded = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &succeeded.result().unwrap_or_default());
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let why = failed
                .error()
                .ok()
                .flatten()
                .map(|e| JsValue::from_str(&e.message()))
                .unwrap_or_else(|| JsValue::from_str("IndexedDB failed"));
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(js_unavailable)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    async fn what_is_sealed_opens_here_and_only_unaltered() {
        let sealed = seal("app-cred-id\ns3cret").await.unwrap();
        assert!(is_sealed(&sealed), "{sealed}");
        assert!(!sealed.contains("s3cret") && !sealed.contains("app-cred-id"));
        assert_eq!(open(&sealed).await.as_deref(), Some("app-cred-id\ns3cret"));
        // A fresh IV each time: the same secret never looks the same twice.
        assert_ne!(seal("app-cred-id\ns3cret").await.unwrap(), sealed);
        // One hex digit changed, and AES-GCM's tag refuses it.
        let last = sealed.chars().last().unwrap();
        let altered = format!(
            "{}{}",
            &sealed[..sealed.len() - 1],
            if last == '0' { '1' } else { '0' }
        );
        assert_eq!(open(&altered).await, None);
        for not_sealed in [
            "app-cred-id\ns3cret",
            "sealed-v1:",
            "sealed-v1:zz",
            "sealed-v1:00",
        ] {
            assert_eq!(open(not_sealed).await, None, "{not_sealed}");
        }
    }

    #[wasm_bindgen_test]
    fn hex_round_trips() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
        assert_eq!(unhex("000fff"), Some(vec![0, 15, 255]));
        assert_eq!(unhex("0"), None);
        assert_eq!(unhex("é0"), None);
    }
}
