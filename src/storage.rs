//! The few things nubo keeps in the browser's localStorage: the language chosen, the region last
//! used per cloud and, only when the user ticks "remember", an application credential. Nothing
//! else, and never a password or a token.

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

pub fn region_key(cloud: &str) -> String {
    format!("nubo.region.{cloud}")
}

/// Where a remembered application credential of `cloud` is kept; the login form says so.
pub fn remembered_key(cloud: &str) -> String {
    format!("nubo.remembered-credential.{cloud}")
}

/// The language picked with the switcher; without it, the browser's languages decide.
pub const LANGUAGE_KEY: &str = "nubo.language";

/// Where remembered AWS keys of `cloud` are kept; the sign-in form says so.
pub fn remembered_aws_key(cloud: &str) -> String {
    format!("nubo.remembered-aws-keys.{cloud}")
}
