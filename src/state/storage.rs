//! The few things nubo keeps in the browser's localStorage: the language chosen, the region last
//! used per cloud and, only when the user ticks "remember", an OpenStack application credential
//! or AWS keys, sealed by `vault` (never readable where they lie). Nothing else, and never a
//! password or an OpenStack token.

use crate::state::vault;

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

pub fn set(key: &str, value: &str) {
    if let Some(storage) = local() {
        // Storage may be full or disabled (private windows); nubo works without it.
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Stores `secret` under `key`, sealed; when this browser cannot seal (no WebCrypto outside a
/// secure context, IndexedDB off), nothing is stored and the reason comes back.
pub async fn set_secret(key: &str, secret: &str) -> Result<(), vault::Unavailable> {
    let sealed = vault::seal(secret).await?;
    set(key, &sealed);
    Ok(())
}

/// The secret under `key`. One that cannot be opened any more (its key was cleared) is
/// forgotten; one stored readable by an older nubo is sealed now, or forgotten if it cannot be.
pub async fn get_secret(key: &str) -> Option<String> {
    let text = get(key)?;
    if vault::is_sealed(&text) {
        let plain = vault::open(&text).await;
        if plain.is_none() {
            remove(key);
        }
        return plain;
    }
    if set_secret(key, &text).await.is_err() {
        remove(key);
    }
    Some(text)
}

pub fn region_key(cloud: &str) -> String {
    format!("nubo.region.{cloud}")
}

/// Where a remembered application credential of `cloud` is kept, sealed; the login form says so.
/// The project last used in `cloud` on this device: a login that names none opens it.
pub fn project_key(cloud: &str) -> String {
    format!("nubo.project.{cloud}")
}

pub fn remembered_key(cloud: &str) -> String {
    format!("nubo.remembered-credential.{cloud}")
}

/// The language picked with the switcher; without it, the browser's languages decide.
pub const LANGUAGE_KEY: &str = "nubo.language";

/// Where remembered AWS keys of `cloud` are kept, sealed; the sign-in form says so.
pub fn remembered_aws_key(cloud: &str) -> String {
    format!("nubo.remembered-aws-keys.{cloud}")
}
