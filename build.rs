//! Generates the typed translation module from `locales/{en,fr}.json` (leptos_i18n's build step),
//! so a missing key or a wrong interpolation name is a compile error, not a blank on screen.

use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    // The app exists only for wasm32 (see Cargo.toml); host builds compile an empty library.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // interpolate_display: `t_string!` with values, for titles, attributes and notifications.
    let config = Config::new("en")
        .and_then(|config| config.add_locale("fr"))
        .expect("locale names are valid")
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config).expect("locales/*.json parse");
    translations.rerun_if_locales_changed();
    translations.emit_diagnostics();
    translations
        .generate_i18n_module(out_dir.join("i18n"))
        .expect("the i18n module is written to OUT_DIR");
}
