//! Building the release app and serving it.

use std::{
    io::Write,
    net::SocketAddr,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result};

use crate::{
    cmd::{run as run_cmd, step},
    paths,
    tools::{self, Tools},
};

/// Files worth compressing ahead of time; the server sends `x.br`/`x.gz` when they exist.
const PRECOMPRESS: &[&str] = &["wasm", "js", "css", "svg"];

/// `trunk build --release` into dist/, then Brotli and gzip copies of the assets.
pub fn app(tools: &Tools) -> Result<PathBuf> {
    step("Building the app (release)");
    // Trunk runs cargo offline, so everything must be in the local registry cache first.
    run_cmd(tools.command("cargo").args(["fetch", "--locked"]))?;
    run_cmd(tools.command("trunk").args(["build", "--release"]))?;
    let dist = paths::dist();
    for file in assets(&dist)? {
        if PRECOMPRESS.contains(&extension(&file)) {
            let bytes = std::fs::read(&file)?;
            std::fs::write(with_suffix(&file, "br"), brotli(&bytes))?;
            std::fs::write(with_suffix(&file, "gz"), gzip(&bytes))?;
        }
    }
    Ok(dist)
}

pub fn run(listen: SocketAddr, config: Option<PathBuf>, with_cloud: bool) -> Result<()> {
    let tools = tools::setup(tools::Need::Build)?;
    if with_cloud {
        step("Starting the local cloud (cargo xtask cloud down stops it)");
        crate::cloud::run(&["up"])?;
    }
    let dist = app(&tools)?;
    step("Building the server (release)");
    run_cmd(
        tools
            .command("cargo")
            .args(["build", "--release", "--locked", "-p", "nubo-proxy"]),
    )?;
    let config = config.unwrap_or_else(|| paths::root().join("config").join("nubo.toml"));
    step(&format!("nubo is at http://{listen}/ (Ctrl-C stops it)"));
    let mut server = Command::new(paths::root().join("target/release/nubo-proxy"));
    server
        .arg("--config")
        .arg(&config)
        .arg("--listen")
        .arg(listen.to_string())
        .arg("--dist")
        .arg(&dist);
    run_cmd(&mut server)?;
    Ok(())
}

/// The files of dist/ that the browser downloads (not the precompressed copies).
pub fn assets(dist: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        if path.is_file() && !matches!(extension(&path), "br" | "gz") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

pub fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_decompress_to_the_original() {
        let original = b"fn main() { println!(\"nubo\"); }\n".repeat(100);
        let mut plain = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&gzip(&original)[..]),
            &mut plain,
        )
        .unwrap();
        assert_eq!(plain, original);
        let compressed = brotli(&original);
        assert!(compressed.len() < original.len() / 10);
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &compressed[..], &mut plain).unwrap();
        assert_eq!(plain, original);
    }

    #[test]
    fn suffixes_append() {
        assert_eq!(
            with_suffix(Path::new("dist/a-1.wasm"), "br"),
            PathBuf::from("dist/a-1.wasm.br")
        );
    }
}
