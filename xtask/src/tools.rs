//! The toolchain, installed by the project itself from crates.io, npm and Debian, and only when
//! missing or at the wrong version. Trunk is pinned to these tools in Trunk.toml and never
//! downloads anything itself.

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::{
    cmd::{self, run, step},
    paths,
};

/// 0.22 needs a newer Rust than the machines have.
pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// What `trunk build` needs.
    Build,
    /// Also the browser and its driver, for the tests.
    Everything,
}

/// The tools, found through a PATH that puts the project's own installs first.
pub struct Tools {
    path: OsString,
}

impl Tools {
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(paths::root())
            .env("PATH", &self.path)
            // Trunk would otherwise ask GitHub whether a newer Trunk exists.
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        command
    }
}

pub fn setup(need: Need) -> Result<Tools> {
    step("Checking the toolchain");
    let mut dirs = vec![paths::node_bin(), paths::cargo_bin()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let tools = Tools {
        path: std::env::join_paths(dirs).context("PATH holds an unusable directory")?,
    };
    let pins = Pins::read(&paths::root())?;
    pins.check()?;

    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, &["--locked"])?;
    // Not --locked: the CLI's own lockfile can lag behind what this Rust builds.
    ensure_cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &pins.wasm_bindgen_lock,
        &[],
    )?;
    ensure_node_packages(&tools)?;
    if need == Need::Everything {
        ensure_chromium()?;
    }
    Ok(tools)
}

fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32 target")?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        println!("ok: rust target wasm32-unknown-unknown");
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    Ok(())
}

fn ensure_cargo_tool(binary: &str, krate: &str, version: &str, extra: &[&str]) -> Result<()> {
    let path = paths::cargo_bin().join(binary);
    let found = cmd::version_of(&path);
    if let Some(line) = &found
        && line.split_whitespace().nth(1) == Some(version)
    {
        println!("ok: {line}");
        return Ok(());
    }
    match found {
        Some(line) => println!("{binary}: found `{line}`, need {version}; reinstalling"),
        None => println!("{binary}: not installed; installing {krate} {version} from crates.io"),
    }
    if binary == "trunk" {
        println!("    (Trunk takes about 10-16 minutes to compile on 2 cores, once.)");
    }
    run(Command::new("cargo")
        .args(["install", krate, "--version", version, "--force"])
        .args(extra))?;
    Ok(())
}

/// `npm ci` when package-lock.json changed since the last install.
fn ensure_node_packages(tools: &Tools) -> Result<()> {
    if cmd::version_of("node").is_none() || cmd::version_of("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    let root = paths::root();
    let lock =
        std::fs::read(root.join("package-lock.json")).context("reading package-lock.json")?;
    let stamp_path = root.join("node_modules").join(".nubo-lock");
    if std::fs::read(&stamp_path).ok().as_deref() == Some(lock.as_slice()) {
        println!(
            "ok: node packages (binaryen, playwright-core, axe-core) as package-lock.json says"
        );
        return Ok(());
    }
    run(tools
        .command("npm")
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"]))?;
    std::fs::write(&stamp_path, &lock).context("writing node_modules/.nubo-lock")?;
    Ok(())
}

fn ensure_chromium() -> Result<()> {
    ensure_debian(&[("chromium", CHROMIUM), ("chromium-driver", CHROMEDRIVER)])?;
    println!(
        "ok: {}",
        cmd::version_of(CHROMIUM).unwrap_or_else(|| CHROMIUM.to_owned())
    );
    Ok(())
}

/// Debian packages, each checked by a file it installs.
pub fn ensure_debian(packages: &[(&str, &str)]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    apt_install(&missing)
}

fn apt_install(packages: &[&str]) -> Result<()> {
    println!("installing {} from Debian", packages.join(", "));
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|out| out.stdout.starts_with(b"0"))
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    run(install.args(packages))?;
    Ok(())
}

/// Versions that must agree across Cargo.lock, package.json and Trunk.toml.
#[derive(Debug)]
pub struct Pins {
    pub wasm_bindgen_lock: String,
    pub wasm_bindgen_trunk: String,
    pub binaryen_npm: String,
    pub wasm_opt_trunk: String,
}

#[derive(Deserialize)]
struct CargoLock {
    package: Vec<LockedPackage>,
}

#[derive(Deserialize)]
struct LockedPackage {
    name: String,
    version: String,
}

#[derive(Deserialize)]
struct PackageJson {
    #[serde(rename = "devDependencies")]
    dev_dependencies: DevDependencies,
}

#[derive(Deserialize)]
struct DevDependencies {
    binaryen: String,
}

#[derive(Deserialize)]
struct TrunkToml {
    tools: TrunkTools,
}

#[derive(Deserialize)]
struct TrunkTools {
    wasm_bindgen: String,
    wasm_opt: String,
}

impl Pins {
    pub fn read(root: &Path) -> Result<Self> {
        let read = |name: &str| -> Result<String> {
            let path: PathBuf = root.join(name);
            std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
        };
        let lock: CargoLock = toml::from_str(&read("Cargo.lock")?).context("parsing Cargo.lock")?;
        let wasm_bindgen_lock = lock
            .package
            .into_iter()
            .find(|p| p.name == "wasm-bindgen")
            .map(|p| p.version)
            .context("Cargo.lock has no wasm-bindgen")?;
        let trunk: TrunkToml =
            toml::from_str(&read("Trunk.toml")?).context("parsing Trunk.toml")?;
        let package: PackageJson =
            serde_json::from_str(&read("package.json")?).context("parsing package.json")?;
        Ok(Self {
            wasm_bindgen_lock,
            wasm_bindgen_trunk: trunk.tools.wasm_bindgen,
            binaryen_npm: package.dev_dependencies.binaryen,
            wasm_opt_trunk: trunk.tools.wasm_opt,
        })
    }

    pub fn check(&self) -> Result<()> {
        if self.wasm_bindgen_lock != self.wasm_bindgen_trunk {
            bail!(
                "Cargo.lock has wasm-bindgen {} but Trunk.toml pins {}: set [tools] wasm_bindgen in Trunk.toml to the locked version",
                self.wasm_bindgen_lock,
                self.wasm_bindgen_trunk
            );
        }
        let major = self.binaryen_npm.split('.').next().unwrap_or_default();
        if format!("version_{major}") != self.wasm_opt_trunk {
            bail!(
                "package.json has binaryen {} but Trunk.toml pins wasm_opt {}: they must name the same release",
                self.binaryen_npm,
                self.wasm_opt_trunk
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_pins_agree() {
        let pins = Pins::read(&paths::root()).unwrap();
        pins.check().unwrap();
        assert!(pins.wasm_bindgen_lock.starts_with("0.2."), "{pins:?}");
    }

    #[test]
    fn a_stale_pin_is_explained() {
        let pins = Pins {
            wasm_bindgen_lock: "0.2.131".into(),
            wasm_bindgen_trunk: "0.2.130".into(),
            binaryen_npm: "132.0.0".into(),
            wasm_opt_trunk: "version_132".into(),
        };
        let err = pins.check().unwrap_err().to_string();
        assert!(
            err.contains("wasm-bindgen 0.2.131 but Trunk.toml pins 0.2.130"),
            "{err}"
        );
        let pins = Pins {
            wasm_bindgen_trunk: "0.2.131".into(),
            wasm_opt_trunk: "version_123".into(),
            ..pins
        };
        assert!(
            pins.check()
                .unwrap_err()
                .to_string()
                .contains("binaryen 132.0.0")
        );
    }
}
