//! Which crates the app's code comes from: the function bodies of the wasm cargo builds (before
//! wasm-bindgen and wasm-opt, which drop the names), summed by the crate of each function's
//! demangled name. Shares, not final sizes: wasm-opt shrinks the whole by about a sixth.

use std::{collections::HashMap, path::Path};

use anyhow::{Context, Result};
use wasmparser::{KnownCustom, Name, Parser, Payload};

/// Code bytes by crate, largest first, and the total.
pub fn by_crate(wasm: &Path) -> Result<(Vec<(String, usize)>, usize)> {
    let bytes = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let mut imported = 0u32;
    let mut bodies: Vec<usize> = Vec::new();
    let mut names = HashMap::new();
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let range = body.range();
                bodies.push((range.end - range.start) as usize);
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Name::Function(map) = name? {
                            for naming in map {
                                let naming = naming?;
                                names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut sizes: HashMap<String, usize> = HashMap::new();
    for (i, size) in bodies.iter().enumerate() {
        let name = names.get(&(imported + i as u32)).map(String::as_str);
        *sizes.entry(crate_of(name)).or_default() += size;
    }
    let mut sizes: Vec<_> = sizes.into_iter().collect();
    sizes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok((sizes, bodies.iter().sum()))
}

/// `tachys::view::…` → `tachys`; `<nubo_cloud::aws::Ec2 as core::…>::…` → `nubo_cloud` (the
/// implementing type's crate, which is where the code was written for).
fn crate_of(name: Option<&str>) -> String {
    let Some(name) = name else {
        return "(unnamed)".into();
    };
    let demangled = format!("{:#}", rustc_demangle::demangle(name));
    let path = demangled.trim_start_matches(['<', '&', '*', ' ', '(']);
    let path = path
        .strip_prefix("dyn ")
        .or_else(|| path.strip_prefix("mut "))
        .or_else(|| path.strip_prefix("const "))
        .unwrap_or(path);
    let end = path
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(path.len());
    match &path[..end] {
        "" => "(other)".into(),
        // Generic code instantiated for the app's closures and types shows as its parameter.
        krate if krate.len() == 1 && krate.chars().all(|c| c.is_ascii_uppercase()) => {
            "(generic)".into()
        }
        krate => krate.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn functions_are_counted_for_their_crate_or_their_impl_type_crate() {
        assert_eq!(
            crate_of(Some("_ZN6tachys4view5tuple3run17h0123456789abcdefE")),
            "tachys"
        );
        assert_eq!(
            crate_of(Some(
                "_ZN64_$LT$nubo_cloud..aws..ec2..Tag$u20$as$u20$core..clone..Clone$GT$5clone17h0123456789abcdefE"
            )),
            "nubo_cloud"
        );
        assert_eq!(crate_of(Some("__wbindgen_malloc")), "__wbindgen_malloc");
        assert_eq!(crate_of(None), "(unnamed)");
    }
}
